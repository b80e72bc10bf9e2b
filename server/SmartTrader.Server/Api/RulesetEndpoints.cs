using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartTrader.Rules.Diff;
using SmartTrader.Rules.Governance;
using SmartTrader.Rules.Model;
using SmartTrader.Runtime;
using SmartTrader.Server.Identity;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Server.Api;

/// <summary>
/// Rulesets as governed documents: drafts, review, activation, roll-back, history and diffs. Reading is for compliance,
/// admin and developers; every change and decision is for compliance, and the ruleset grain enforces the lifecycle
/// (409), the four-eyes rule (403) and valid rules (422).
/// </summary>
internal static class RulesetEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    public static void MapRulesetEndpoints(this RouteGroupBuilder api)
    {
        var rulesets = api.MapGroup("/rulesets").WithTags("Rulesets").RequireAuthorization(AuthenticationSetup.RulesetReaderPolicy);
        rulesets.MapGet("/", List).WithSummary("Every ruleset with its active and latest version and the status of each version, paged by name.");

        var ruleset = rulesets.MapGroup("/{name}").AddEndpointFilter(RequireValidName);
        ruleset.MapGet("/", Get).WithSummary("A ruleset's version headers.");
        ruleset.MapGet("/versions/{version:int}", GetVersion).WithSummary("One version: its header and its rules document.");
        ruleset.MapPost("/versions", Create).Compliance().Accepts<List<Workflow>>("application/json")
            .WithSummary("A new draft: the body is a rules document (one workflow or an array); with ?copyOf=N and no body, a copy of version N.");
        ruleset.MapPut("/versions/{version:int}", Update).Compliance().Accepts<List<Workflow>>("application/json")
            .WithSummary("Replace a draft's rules document.");
        ruleset.MapPost("/versions/{version:int}/submit", Submit).Compliance().WithSummary("Submit a draft for approval; its rules must validate.");
        ruleset.MapPost("/versions/{version:int}/approve", Approve).Compliance()
            .WithSummary("Approve a submitted version; not by anyone who wrote, edited or submitted it.");
        ruleset.MapPost("/versions/{version:int}/reject", Reject).Compliance().WithSummary("Send a submitted version back, with a reason.");
        ruleset.MapPost("/versions/{version:int}/activate", Activate).Compliance()
            .WithSummary("Make an approved (or retired) version the one that judges orders; the active one is retired.");
        ruleset.MapPost("/rollback", Rollback).Compliance()
            .WithSummary("Re-activate the version active before the current one, or the approved or retired version named in the body.");
        ruleset.MapGet("/history", History).WithSummary("The audit trail, newest first, paged with ?before=<sequence>.");
        ruleset.MapGet("/diff", Diff).WithSummary("What changed between two versions (?from=1&to=2).");
        ruleset.MapRulesetCheckEndpoints();
    }

    private static RouteHandlerBuilder Compliance(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(AuthenticationSetup.CompliancePolicy);

    private static async ValueTask<object?> RequireValidName(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        RulesetNames.IsValid(context.HttpContext.Request.RouteValues["name"] as string)
            ? await next(context)
            : Validation.Single("name", $"The ruleset name must be {RulesetNames.Rule}.");

    private static async Task<Results<Ok<RulesetPage>, ValidationProblem>> List(
        int? limit, string? after, RulesetListing listing, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Check(limit is null or >= 1 and <= MaxPageSize, "limit", $"limit must be between 1 and {MaxPageSize}.")
            .Check(after is null || RulesetNames.IsValid(after), "after", $"after must be a ruleset name: {RulesetNames.Rule}.");
        if (validation.HasErrors) return validation.ToProblem();
        return TypedResults.Ok(await listing.ListAsync(after, limit ?? DefaultPageSize, cancellationToken));
    }

    private static async Task<Results<Ok<RulesetView>, ProblemHttpResult>> Get(string name, IGrainFactory grains) =>
        await Ruleset(grains, name).Get() is { } ruleset ? TypedResults.Ok(RulesetView.Of(ruleset)) : RulesetNotFound(name);

    private static async Task<Results<Ok<RulesetVersionView>, ProblemHttpResult>> GetVersion(string name, int version, IGrainFactory grains) =>
        await Ruleset(grains, name).GetVersion(version) is { } found ? TypedResults.Ok(RulesetVersionView.Of(found)) : VersionNotFound(name, version);

    private static async Task<Created<RulesetVersionView>> Create(
        string name, int? copyOf, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var ruleset = Ruleset(grains, name);
        var draft = copyOf is { } source
            ? await ruleset.CopyToDraft(source, Actor(user))
            : await ruleset.CreateDraft(await RulesDocumentBody.ReadAsync(request, cancellationToken), Actor(user));
        return TypedResults.Created($"/api/rulesets/{name}/versions/{draft.Version.Number}", RulesetVersionView.Of(draft));
    }

    private static async Task<Ok<RulesetVersionView>> Update(
        string name, int version, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var content = await RulesDocumentBody.ReadAsync(request, cancellationToken);
        return TypedResults.Ok(RulesetVersionView.Of(await Ruleset(grains, name).UpdateDraft(version, content, Actor(user))));
    }

    private static async Task<Ok<RulesetVersion>> Submit(string name, int version, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Ruleset(grains, name).Submit(version, Actor(user)));

    private static async Task<Ok<RulesetVersion>> Approve(string name, int version, ReviewBody? body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Ruleset(grains, name).Approve(version, Actor(user), body?.Comment));

    private static async Task<Results<Ok<RulesetVersion>, ValidationProblem>> Reject(
        string name, int version, ReasonBody? body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(body?.Reason)) return Validation.Single("reason", "reason is required: say what the author should change.");
        if (body.Reason.Length > 2000) return Validation.Single("reason", "reason must have at most 2000 characters.");
        return TypedResults.Ok(await Ruleset(grains, name).Reject(version, Actor(user), body.Reason));
    }

    private static async Task<Ok<RulesetVersion>> Activate(string name, int version, ReasonBody? body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Ruleset(grains, name).Activate(version, Actor(user), body?.Reason));

    private static async Task<Ok<RulesetVersion>> Rollback(string name, RollbackBody? body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Ruleset(grains, name).Rollback(body?.Version, Actor(user), body?.Reason));

    private static async Task<Results<Ok<RulesetHistoryPage>, ValidationProblem, ProblemHttpResult>> History(
        string name, long? before, int? limit, IGrainFactory grains)
    {
        var validation = new Validation()
            .Check(limit is null or >= 1 and <= MaxPageSize, "limit", $"limit must be between 1 and {MaxPageSize}.")
            .Check(before is null or >= 1, "before", "before must be an audit sequence number (1 or more).");
        if (validation.HasErrors) return validation.ToProblem();
        var ruleset = Ruleset(grains, name);
        if (await ruleset.Get() is null) return RulesetNotFound(name);
        return TypedResults.Ok(await ruleset.GetHistory(before, limit ?? DefaultPageSize));
    }

    private static async Task<Results<Ok<RulesetDiffView>, ValidationProblem, ProblemHttpResult>> Diff(string name, int? from, int? to, IGrainFactory grains)
    {
        var validation = new Validation().Required(from, "from").Required(to, "to");
        if (validation.HasErrors) return validation.ToProblem();
        var ruleset = Ruleset(grains, name);
        if (await ruleset.GetVersion(from!.Value) is not { } before) return VersionNotFound(name, from.Value);
        if (await ruleset.GetVersion(to!.Value) is not { } after) return VersionNotFound(name, to.Value);

        var diff = RulesDiffer.Compare(RulesDocument.Parse(before.Content), RulesDocument.Parse(after.Content));
        return TypedResults.Ok(new RulesetDiffView(name, from.Value, to.Value, diff.Summary(), diff.Workflows));
    }

    internal static IRulesetGrain Ruleset(IGrainFactory grains, string name) => grains.GetGrain<IRulesetGrain>(name);

    private static GovernanceActor Actor(ClaimsPrincipal user) => new(user.UserName(), [.. user.RolesOf()]);

    private static ProblemHttpResult RulesetNotFound(string name) => Problems.NotFound($"Ruleset '{name}' does not exist.");

    internal static ProblemHttpResult VersionNotFound(string name, int version) => Problems.NotFound($"Ruleset '{name}' has no version {version}.");
}
