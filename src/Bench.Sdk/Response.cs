namespace Bench.Sdk;

/// <summary>
/// Builds the responses a scenario or a step returns, as NBomber's <c>Response</c> does. A failure is recorded by its
/// status code (<c>status503</c> for a number, <c>status:NOT_FOUND</c> for text, <c>failed</c> without one); an
/// exception thrown instead is recorded by its type (<c>exception:TimeoutException</c>).
/// </summary>
public static class Response
{
    public static Response<object> Ok(string statusCode = "", long sizeBytes = 0, string message = "") =>
        new(false, statusCode, message, sizeBytes, null);

    public static Response<T> Ok<T>(T payload, string statusCode = "", long sizeBytes = 0, string message = "") =>
        new(false, statusCode, message, sizeBytes, payload);

    public static Response<object> Fail(string statusCode = "", string message = "", long sizeBytes = 0) =>
        new(true, statusCode, message, sizeBytes, null);

    public static Response<T> Fail<T>(string statusCode = "", string message = "", long sizeBytes = 0) =>
        new(true, statusCode, message, sizeBytes, default);
}
