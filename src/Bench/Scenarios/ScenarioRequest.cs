namespace Bench.Scenarios;

/// <summary>The one request every connection of a scenario sends, and what a correct response looks like.</summary>
public sealed record ScenarioRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, ExpectedResponse Expect)
{
    public const string DefaultMethod = "GET";

    /// <summary>The path without its query: what a target's catalogue entry lists under <c>supports</c>.</summary>
    public string Endpoint => Path.Split('?', 2)[0];
}
