using System.Net;
using System.Text;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

/// <summary>Every endpoint refuses bad input with a ProblemDetails that says what is wrong.</summary>
public sealed class BadInputTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Orders = "/api/accounts/demo/orders";
    private const string Fills = "/api/accounts/demo/fills";

    public static TheoryData<string, string, string, string?, HttpStatusCode, string> Cases => new()
    {
        // user, method, path, JSON body (null: none), expected status, fragment of the detail
        { "anonymous", "POST", "/api/auth/login", "{\"userName\": \"trader\",", HttpStatusCode.BadRequest, "not valid JSON" },
        { "anonymous", "POST", "/api/auth/login", null, HttpStatusCode.BadRequest, "body" },
        { "anonymous", "POST", "/api/auth/login", "{\"userName\": \"trader\"}", HttpStatusCode.BadRequest, "password is required" },
        { "anonymous", "POST", "/api/auth/login", "{\"userName\": 42, \"password\": \"x\"}", HttpStatusCode.BadRequest, "userName" },

        { "admin", "POST", "/api/users", "{\"password\": \"long-enough-password\", \"roles\": [\"trader\"]}", HttpStatusCode.BadRequest, "userName is required" },
        { "admin", "POST", "/api/users", "{\"userName\": \"ab cd\", \"password\": \"long-enough-password\", \"roles\": [\"trader\"]}", HttpStatusCode.BadRequest, "userName must be" },
        { "admin", "POST", "/api/users", "{\"userName\": \"shorty\", \"password\": \"short\", \"roles\": [\"trader\"]}", HttpStatusCode.BadRequest, "12 to 256 characters" },
        { "admin", "POST", "/api/users", "{\"userName\": \"rolebad\", \"password\": \"long-enough-password\", \"roles\": [\"king\"]}", HttpStatusCode.BadRequest, "'king' is not a role" },
        { "admin", "POST", "/api/users", "{\"userName\": \"noroles\", \"password\": \"long-enough-password\"}", HttpStatusCode.BadRequest, "roles must name" },
        { "admin", "POST", "/api/users", "{\"userName\": \"trader\", \"password\": \"long-enough-password\", \"roles\": [\"trader\"]}", HttpStatusCode.Conflict, "already exists" },
        { "admin", "POST", "/api/users", "[1, 2]", HttpStatusCode.BadRequest, "must be a JSON object" },
        { "admin", "GET", "/api/users/ghost", null, HttpStatusCode.NotFound, "'ghost' does not exist" },
        { "admin", "PUT", "/api/users/trader/disabled", "{}", HttpStatusCode.BadRequest, "disabled is required" },
        { "admin", "PUT", "/api/users/ghost/disabled", "{\"disabled\": true}", HttpStatusCode.NotFound, "'ghost' does not exist" },

        { "admin", "POST", "/api/accounts", "{}", HttpStatusCode.BadRequest, "id is required" },
        { "admin", "POST", "/api/accounts", "{\"id\": \"bad id!\", \"name\": \"n\", \"type\": \"Cash\", \"initialCash\": 1, \"owner\": \"trader\"}", HttpStatusCode.BadRequest, "id must be" },
        { "admin", "POST", "/api/accounts", "{\"id\": \"neg\", \"name\": \"n\", \"type\": \"Cash\", \"initialCash\": -1, \"owner\": \"trader\"}", HttpStatusCode.BadRequest, "initialCash must not be negative" },
        { "admin", "POST", "/api/accounts", "{\"id\": \"typ\", \"name\": \"n\", \"type\": \"Casino\", \"initialCash\": 1, \"owner\": \"trader\"}", HttpStatusCode.BadRequest, "'type'" },
        { "admin", "POST", "/api/accounts", "{\"id\": \"own\", \"name\": \"n\", \"type\": \"Cash\", \"initialCash\": 1, \"owner\": \"ghost\"}", HttpStatusCode.BadRequest, "'ghost' is not a user" },
        { "admin", "POST", "/api/accounts", "{\"id\": \"demo\", \"name\": \"n\", \"type\": \"Cash\", \"initialCash\": 1, \"owner\": \"trader\"}", HttpStatusCode.Conflict, "already open with other terms" },
        { "admin", "POST", "/api/accounts", "{\"id\": \"cash\", \"name\": \"n\", \"type\": \"Cash\", \"initialCash\": \"lots\", \"owner\": \"trader\"}", HttpStatusCode.BadRequest, "'initialCash'" },
        { "admin", "POST", "/api/accounts/ghost-account/grants", "{\"userName\": \"trader\"}", HttpStatusCode.NotFound, "'ghost-account' does not exist" },
        { "admin", "POST", "/api/accounts/demo/grants", "{\"userName\": \"ghost\"}", HttpStatusCode.NotFound, "'ghost' does not exist" },
        { "admin", "POST", "/api/accounts/demo/grants", "{}", HttpStatusCode.BadRequest, "userName is required" },
        { "admin", "POST", "/api/accounts/bad!id/grants", "{\"userName\": \"trader\"}", HttpStatusCode.BadRequest, "account id must be" },
        { "admin", "DELETE", "/api/accounts/demo/grants/ghost", null, HttpStatusCode.NotFound, "'ghost' does not exist" },

        { "trader", "GET", "/api/symbols/NOPE/quote", null, HttpStatusCode.NotFound, "Unknown symbol 'NOPE'" },
        { "trader", "GET", "/api/symbols/NOPE/bars", null, HttpStatusCode.NotFound, "Unknown symbol 'NOPE'" },
        { "trader", "GET", "/api/symbols/AAPL/bars?count=0", null, HttpStatusCode.BadRequest, "count must be between 1 and 1000" },
        { "trader", "GET", "/api/symbols/AAPL/bars?count=abc", null, HttpStatusCode.BadRequest, "count" },

        { "compliance", "GET", "/api/accounts?limit=0", null, HttpStatusCode.BadRequest, "limit must be between 1 and 1000" },
        { "compliance", "GET", "/api/accounts?limit=1001", null, HttpStatusCode.BadRequest, "limit must be between 1 and 1000" },
        { "compliance", "GET", "/api/accounts?limit=many", null, HttpStatusCode.BadRequest, "limit" },
        { "compliance", "GET", "/api/accounts?after=bad!id", null, HttpStatusCode.BadRequest, "after must be an account id" },
        { "compliance", "GET", "/api/accounts/ghost-account", null, HttpStatusCode.NotFound, "'ghost-account' does not exist" },
        { "compliance", "GET", "/api/accounts/bad!id", null, HttpStatusCode.BadRequest, "account id must be" },
        { "compliance", "GET", "/api/accounts/ghost-account/portfolio", null, HttpStatusCode.NotFound, "does not exist" },
        { "compliance", "GET", "/api/accounts/ghost-account/equity", null, HttpStatusCode.NotFound, "does not exist" },
        { "compliance", "GET", "/api/accounts/ghost-account/orders", null, HttpStatusCode.NotFound, "does not exist" },
        { "compliance", "GET", "/api/accounts/ghost-account/fills", null, HttpStatusCode.NotFound, "does not exist" },
        { "compliance", "GET", Orders + "?status=Sleeping", null, HttpStatusCode.BadRequest, "status must be one of" },
        { "compliance", "GET", Orders + "?limit=0", null, HttpStatusCode.BadRequest, "limit must be between 1 and 500" },
        { "compliance", "GET", Orders + "?limit=many", null, HttpStatusCode.BadRequest, "limit" },
        { "compliance", "GET", Orders + "?after=other.123", null, HttpStatusCode.BadRequest, "after must be an order id" },
        { "compliance", "GET", Fills + "?limit=0", null, HttpStatusCode.BadRequest, "limit must be between 1 and 500" },
        { "compliance", "GET", Fills + "?limit=many", null, HttpStatusCode.BadRequest, "limit" },
        { "compliance", "GET", Fills + "?since=yesterday", null, HttpStatusCode.BadRequest, "since" },
        { "compliance", "GET", Fills + "?after=other.123:0", null, HttpStatusCode.BadRequest, "after must be a fill id of account" },
        { "compliance", "GET", Fills + "?after=demo.00000000000000000000:0", null, HttpStatusCode.BadRequest, "from the same listing" },
        { "compliance", "GET", Orders + "/demo.00000000000000000000", null, HttpStatusCode.NotFound, "has no order" },
        { "compliance", "GET", Orders + "/other.00000000000000000000", null, HttpStatusCode.NotFound, "has no order" },

        { "trader", "POST", Orders, "{\"clientOrderId\": \"x\", \"symbol\": ", HttpStatusCode.BadRequest, "not valid JSON" },
        { "trader", "POST", Orders, null, HttpStatusCode.BadRequest, "body" },
        { "trader", "POST", Orders, "{}", HttpStatusCode.BadRequest, "clientOrderId is required" },
        { "trader", "POST", Orders, "{\"clientOrderId\": \"a\", \"side\": \"Buy\", \"type\": \"Market\", \"quantity\": 1}", HttpStatusCode.BadRequest, "symbol is required" },
        { "trader", "POST", Orders, "{\"clientOrderId\": \"a\", \"symbol\": \"AAPL\", \"side\": \"Buy\", \"type\": \"Market\"}", HttpStatusCode.BadRequest, "quantity is required" },
        { "trader", "POST", Orders, "{\"clientOrderId\": \"a\", \"symbol\": \"AAPL\", \"side\": \"Buy\", \"type\": \"Market\", \"quantity\": 0}", HttpStatusCode.BadRequest, "quantity must be greater than zero" },
        { "trader", "POST", Orders, "{\"clientOrderId\": \"a\", \"symbol\": \"AAPL\", \"side\": \"Buy\", \"type\": \"Market\", \"quantity\": -5}", HttpStatusCode.BadRequest, "quantity must be greater than zero" },
        { "trader", "POST", Orders, "{\"clientOrderId\": \"a\", \"symbol\": \"AAPL\", \"side\": \"Buy\", \"type\": \"Limit\", \"quantity\": 1}", HttpStatusCode.BadRequest, "limitPrice is required for a limit order" },
        { "trader", "POST", Orders, "{\"clientOrderId\": \"a\", \"symbol\": \"AAPL\", \"side\": \"Buy\", \"type\": \"Limit\", \"quantity\": 1, \"limitPrice\": -1}", HttpStatusCode.BadRequest, "limitPrice must be greater than zero" },
        { "trader", "POST", Orders, "{\"clientOrderId\": \"a\", \"symbol\": \"AAPL\", \"side\": \"Buy\", \"type\": \"Market\", \"quantity\": 1, \"limitPrice\": 5}", HttpStatusCode.BadRequest, "not allowed on a market order" },
        { "trader", "POST", Orders, "{\"clientOrderId\": \"a\", \"symbol\": \"AAPL\", \"side\": \"Hold\", \"type\": \"Market\", \"quantity\": 1}", HttpStatusCode.BadRequest, "'side'" },
        { "trader", "POST", Orders, "{\"clientOrderId\": \"a\", \"symbol\": \"AAPL\", \"side\": 99, \"type\": \"Market\", \"quantity\": 1}", HttpStatusCode.BadRequest, "side must be one of" },
        { "trader", "POST", Orders, "{\"clientOrderId\": \"a b\", \"symbol\": \"AAPL\", \"side\": \"Buy\", \"type\": \"Market\", \"quantity\": 1}", HttpStatusCode.BadRequest, "clientOrderId must be" },
        { "trader", "POST", Orders, "{\"clientOrderId\": \"a\", \"symbol\": \"NOPE\", \"side\": \"Buy\", \"type\": \"Market\", \"quantity\": 1}", HttpStatusCode.NotFound, "Unknown symbol 'NOPE'" },
        { "trader", "POST", Orders + "/demo.00000000000000000000/cancel", null, HttpStatusCode.NotFound, "has no order" },
        { "trader", "POST", Orders + "/other.00000000000000000000/cancel", null, HttpStatusCode.NotFound, "has no order" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_with_a_useful_problem(string user, string method, string path, string? json, HttpStatusCode status, string detail)
    {
        using var http = user == "anonymous" ? factory.CreateClient() : await factory.ClientForAsync(user);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");

        await (await http.SendAsync(request)).ShouldBeProblemAsync(status, detail);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        using var trader = await factory.ClientForAsync("trader");

        using var response = await trader.PostAsync(Orders, new StringContent("symbol=AAPL", Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
