using Bench.Sdk.Running;

namespace Bench.Sdk;

/// <summary>
/// Plain HTTP/1.1 calls on Bench's own load engine, in NBomber.Http's shape (<c>Http.CreateRequest</c>, then
/// <c>Http.Send</c>): each scenario copy keeps one keep-alive connection of the <see cref="BenchHttpClient"/>, whose
/// one event-loop thread writes the pre-encoded request and parses the response with the engine's code — about the
/// CPU of <c>bench load</c> per call, where HttpClient spends several times that (docs/sdk.md). Loopback targets only.
/// </summary>
public static class Http
{
    /// <summary>
    /// A request to <paramref name="url"/>: absolute (<c>http://127.0.0.1:8080/hello</c>) or relative (<c>/hello</c>,
    /// against the scenario's target, else the client's <see cref="BenchHttpClientOptions.BaseAddress"/>).
    /// </summary>
    public static BenchHttpRequest CreateRequest(string method, string url)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(url);
        var uri = new Uri(url, UriKind.RelativeOrAbsolute);
        return new BenchHttpRequest(method.ToUpperInvariant(), uri, [], []);
    }

    /// <summary>
    /// Sends <paramref name="request"/> on this copy's connection and reads the whole response: <c>Response.Ok</c> for a
    /// 2xx status, else <c>Response.Fail</c> with the status (recorded as <c>status404</c>…); a connection that failed or
    /// timed out is the engine's error (<c>connectRefused</c>, <c>connectionClosed</c>, <c>requestTimeout</c>…). The
    /// response's size is its body's. Cancelled by <c>ctx.CancellationToken</c>. One call at a time per copy uses the
    /// copy's connection; a call made while another is in flight on the same copy gets a connection of its own.
    /// </summary>
    public static ValueTask<Response<BenchHttpResponse>> Send(BenchHttpClient client, IScenarioContext context, BenchHttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var scenarioContext = context as ScenarioContext ?? throw new ArgumentException("Http.Send needs the context Bench passed to the scenario", nameof(context));
        var encoded = request.Encode(scenarioContext.TargetAddress ?? client.Options.BaseAddress);
        return client.Send(scenarioContext, encoded, context.CancellationToken);
    }
}
