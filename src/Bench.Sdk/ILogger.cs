namespace Bench.Sdk;

/// <summary>
/// The scenario's log (<c>ctx.Logger</c>), shaped like the Serilog logger NBomber hands out so ported calls compile:
/// <c>{Name}</c> placeholders are filled in order. Lines go to stderr with the time and the scenario's name.
/// </summary>
public interface ILogger
{
    void Debug(string messageTemplate, params object?[] propertyValues);

    void Information(string messageTemplate, params object?[] propertyValues);

    void Warning(string messageTemplate, params object?[] propertyValues);

    void Error(string messageTemplate, params object?[] propertyValues);

    void Error(Exception exception, string messageTemplate, params object?[] propertyValues);

    void Fatal(string messageTemplate, params object?[] propertyValues);
}
