using System.Globalization;
using Bench.Load;

namespace Bench.Sdk.Measurement;

/// <summary>The error keys of a code-first level (results.json's <c>errors</c>): by status code, and by exception type.</summary>
internal static class Outcome
{
    public const string Failed = "failed";

    /// <summary>"status503" for a numeric status (the engine's key), "status:NOT_FOUND" for another, "failed" for none; Http.Send's own key (connectRefused…) as it is.</summary>
    public static string OfFailure(IResponse response) =>
        response is IErrorKeyed { ErrorKey: { } key } ? key
        : string.IsNullOrEmpty(response.StatusCode) ? Failed
        : int.TryParse(response.StatusCode, NumberStyles.None, CultureInfo.InvariantCulture, out int code) ? ErrorKinds.Status(code)
        : $"status:{response.StatusCode}";

    /// <summary>"exception:HttpRequestException": the type, never the message (messages vary; kinds are what a reader counts).</summary>
    public static string OfException(Exception exception) =>
        $"exception:{(exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception).GetType().Name}";
}
