namespace Bench.Sdk;

/// <summary>A response carrying the step's result (<see cref="Payload"/>) to the code after the step.</summary>
public sealed class Response<T> : IResponse, IErrorKeyed
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

    /// <summary>An error key of Bench's own (the engine's <c>connectRefused</c>…), recorded instead of the status.</summary>
    internal string? ErrorKey { get; init; }

    string? IErrorKeyed.ErrorKey => ErrorKey;

    /// <summary>The value the step returned with <see cref="Response.Ok{T}"/>; default for a failure.</summary>
    public T? Payload { get; }
}
