namespace Bench.Micro;

/// <summary>
/// What one operation of a benchmark is, in words a reader of the report understands ("one thread hand-off: …").
/// micro.json and the report's table carry it beside the number; every benchmark has one (a test checks).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class OneOpAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
