namespace Bench.Tests.Support;

/// <summary>The concurrency models every contract test runs against.</summary>
public static class Models
{
    public static readonly string[] All = ["sync", "threads", "pool", "async", "eventloop", "callbacks", "kestrel"];

    public static TheoryData<string> AllModels() => new(All);
}
