using System.Text;
using System.Text.Json;
using SmartTrader.Server.Bench;

namespace SmartTrader.Server.Tests;

/// <summary>The order bench's load generator: its HTTP/1.1 response framing, and a short run against the real server.</summary>
public sealed class OrderBenchTests
{
    [Fact]
    public void A_response_framed_by_content_length_is_read_whole_and_the_next_one_follows()
    {
        var reader = Reader(
            "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"id\":\"o-1\"}\n"
            + "HTTP/1.1 422 Unprocessable Entity\r\ncontent-length: 2\r\n\r\n{}");

        reader.Read().Should().Be(new Http11Response(201, KeepAlive: true));
        var error = reader.Read();
        (error.Status, error.KeepAlive).Should().Be((422, true));
        Encoding.UTF8.GetString(error.ErrorBody!).Should().Be("{}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public void An_error_keeps_the_start_of_its_body_however_it_is_framed(int bytesPerRead)
    {
        var detail = new string('x', Http11ResponseReader.MaxErrorBodyBytes);
        var reader = Reader(
            "HTTP/1.1 422 Unprocessable Entity\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "9\r\n{\"title\":\r\n9\r\n\"no quote\r\n2\r\n\"}\r\n0\r\n\r\n"
            + $"HTTP/1.1 500 Internal Server Error\r\nContent-Length: {detail.Length + 2}\r\n\r\n[{detail}]"
            + "HTTP/1.1 503 Service Unavailable\r\n\r\nuntil the end",
            bytesPerRead);

        Encoding.UTF8.GetString(reader.Read().ErrorBody!).Should().Be("""{"title":"no quote"}""");
        Encoding.UTF8.GetString(reader.Read().ErrorBody!).Should().Be("[" + detail[..^1]);
        Encoding.UTF8.GetString(reader.Read().ErrorBody!).Should().Be("until the end");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void A_chunked_response_is_read_whole_however_the_bytes_arrive(int bytesPerRead)
    {
        var reader = Reader(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\n\r\n",
            bytesPerRead);

        reader.Read().Should().Be(new Http11Response(200, KeepAlive: true));
        reader.Read().Should().Be(new Http11Response(204, KeepAlive: true));
    }

    [Theory]
    [InlineData("""{"title":"Order rejected","detail":"The account had 50 orders accepted in the last second."}""", "The account had 50 orders accepted in the last second.")]
    [InlineData("""{"title":"Unknown symbol"}""", "Unknown symbol")]
    [InlineData("""["not", "a problem"]""", """["not", "a problem"]""")]
    [InlineData("upstream timed out", "upstream timed out")]
    [InlineData("", "(no body)")]
    public void An_error_is_reported_by_its_problem_detail_or_else_its_body(string body, string reason)
    {
        OrderPlacementBench.ErrorReason(Encoding.UTF8.GetBytes(body)).Should().Be(reason);
    }

    [Fact]
    public void An_interim_response_is_passed_over()
    {
        Reader("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n").Read()
            .Should().Be(new Http11Response(201, KeepAlive: true));
    }

    [Fact]
    public void Connection_close_or_a_body_without_framing_ends_the_connection()
    {
        var unavailable = Reader("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").Read();
        (unavailable.Status, unavailable.KeepAlive).Should().Be((503, false));
        Reader("HTTP/1.1 200 OK\r\n\r\nbody until the end").Read()
            .Should().Be(new Http11Response(200, KeepAlive: false));
    }

    [Theory]
    [InlineData("HTTP/1.1 201 Created\r\nContent-Length: 10\r\n\r\nshort", typeof(IOException))]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", typeof(IOException))]
    [InlineData("HTTP/1.1 201 Crea", typeof(IOException))]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n", typeof(InvalidDataException))]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", typeof(InvalidDataException))]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", typeof(InvalidDataException))]
    public void A_cut_off_or_malformed_response_fails_with_a_clear_error(string bytes, Type expected)
    {
        var read = () => Reader(bytes).Read();

        read.Should().Throw<Exception>().Which.Should().BeOfType(expected);
    }

    [Fact]
    public void A_head_larger_than_the_buffer_is_refused()
    {
        var read = () => Reader("HTTP/1.1 200 OK\r\nX-Big: " + new string('a', 20_000) + "\r\n\r\n").Read();

        read.Should().Throw<InvalidDataException>().WithMessage("*longer than*");
    }

    [Fact]
    public async Task A_short_run_against_the_real_server_acknowledges_orders_without_errors()
    {
        // Enough accounts that none nears the pre-trade limit of 50 orders a second (MaxOrdersPerSecond), which rejects
        // the excess with a 422: four clients place up to a few thousand orders a second between them.
        await using var bench = Support.ServerProcess.Start(
            ["bench", "orders", "--duration", "2", "--warmup", "1", "--clients", "4", "--accounts", "160", "--owners", "8", "--json"]);

        var exitCode = await bench.WaitForExitAsync(TimeSpan.FromMinutes(3));

        exitCode.Should().Be(0, bench.Output);
        var output = bench.Output;
        using var figures = JsonDocument.Parse(output[output.IndexOf('{')..(output.LastIndexOf('}') + 1)]);
        figures.RootElement.GetProperty("orders").GetInt64().Should().BePositive();
        figures.RootElement.GetProperty("errors").GetInt64().Should().Be(0);
        figures.RootElement.GetProperty("serverCpuMicrosPerOrder").GetDouble().Should().BePositive();
        // An order's request, its JSON and its state allocate kilobytes; a figure far below that was not measured.
        figures.RootElement.GetProperty("serverAllocatedBytesPerOrder").GetDouble().Should().BeGreaterThan(1_000);
        figures.RootElement.GetProperty("serverCollectionsPerThousandOrders").GetString().Should().MatchRegex(@"^\d+\.\d\d/\d+\.\d\d/\d+\.\d\d$");
        figures.RootElement.GetProperty("loadGeneratorCpuMicrosPerOrder").GetDouble().Should().BePositive();
        // Every acknowledged order was committed: at least one transaction per second, holding at least one write.
        figures.RootElement.GetProperty("serverCommitsPerSecond").GetDouble().Should().BeGreaterThanOrEqualTo(1);
        figures.RootElement.GetProperty("serverRowsPerCommit").GetDouble().Should().BeGreaterThanOrEqualTo(1);
        figures.RootElement.GetProperty("serverWriterBusyPercent").GetDouble().Should().BeInRange(0.001, 110);
    }

    private static Http11ResponseReader Reader(string bytes, int bytesPerRead = 4096) =>
        new(new TrickleStream(Encoding.ASCII.GetBytes(bytes), bytesPerRead));

    /// <summary>Hands out its bytes at most a few at a time, as a socket may.</summary>
    private sealed class TrickleStream(byte[] bytes, int bytesPerRead) : MemoryStream(bytes, writable: false)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, bytesPerRead)]);
    }
}
