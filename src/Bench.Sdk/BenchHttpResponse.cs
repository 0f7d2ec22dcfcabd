namespace Bench.Sdk;

/// <summary>
/// What <see cref="Http.Send"/> read: the status and the body's length. The body itself is checked and counted by the
/// engine's parser, never buffered — a step that needs its content is one for HttpClient.
/// </summary>
/// <param name="StatusCode">The response's status (200, 404, …).</param>
/// <param name="BodyLength">The body's bytes, after decoding chunks.</param>
public readonly record struct BenchHttpResponse(int StatusCode, long BodyLength)
{
    public bool IsSuccessStatusCode => StatusCode is >= 200 and < 300;
}
