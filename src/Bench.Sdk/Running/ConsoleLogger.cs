using System.Globalization;
using System.Text;

namespace Bench.Sdk.Running;

/// <summary>The scenario log: "12:00:01.234 info checkout: message" lines on stderr, placeholders filled in order.</summary>
internal sealed class ConsoleLogger(string scenario, TextWriter output, TimeProvider time) : ILogger
{
    private readonly Lock _lock = new();

    public void Debug(string messageTemplate, params object?[] propertyValues) => Write("debug", null, messageTemplate, propertyValues);

    public void Information(string messageTemplate, params object?[] propertyValues) => Write("info", null, messageTemplate, propertyValues);

    public void Warning(string messageTemplate, params object?[] propertyValues) => Write("warn", null, messageTemplate, propertyValues);

    public void Error(string messageTemplate, params object?[] propertyValues) => Write("error", null, messageTemplate, propertyValues);

    public void Error(Exception exception, string messageTemplate, params object?[] propertyValues) => Write("error", exception, messageTemplate, propertyValues);

    public void Fatal(string messageTemplate, params object?[] propertyValues) => Write("fatal", null, messageTemplate, propertyValues);

    /// <summary>Serilog's template, simply: each {…} takes the next value.</summary>
    public static string Render(string template, object?[] values)
    {
        var text = new StringBuilder(template.Length + 16);
        int next = 0;
        for (int i = 0; i < template.Length; i++)
        {
            int close = template[i] == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close > i && next < values.Length)
            {
                text.Append(CultureInfo.InvariantCulture, $"{values[next++]}");
                i = close;
                continue;
            }

            text.Append(template[i]);
        }

        return text.ToString();
    }

    private void Write(string level, Exception? exception, string template, object?[] values)
    {
        string line = $"{time.GetLocalNow():HH:mm:ss.fff} {level} {scenario}: {Render(template, values)}"
            + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})");
        lock (_lock)
        {
            output.WriteLine(line);
        }
    }
}
