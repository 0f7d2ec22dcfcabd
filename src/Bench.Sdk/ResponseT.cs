namespace Bench.Sdk;

/// <summary>A response carrying the step's result (<see cref="Payload"/>) to the code after the step.</summary>
public sealed class Response<T> : IResponse
{
    internal Response(bool isError, string statusCode, string message, long sizeBytes, T? payload)
    {
        IsError = isError;
        StatusCode = statusCode;
        Message = message;
        SizeBytes = sizeBytes;
        Payload = payload;
    }

    public string StatusCode { get; }

    public bool IsError { get; }

    public string Message { get; }

    public long SizeBytes { get; }

    /// <summary>The value the step returned with <see cref="Response.Ok{T}"/>; default for a failure.</summary>
    public T? Payload { get; }
}
