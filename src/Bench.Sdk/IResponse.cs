namespace Bench.Sdk;

/// <summary>What a scenario iteration or a step ended with: success or failure, a status code, the bytes it moved.</summary>
public interface IResponse
{
    /// <summary>The status as the protocol gives it ("200", "NOT_FOUND", …); empty when there is none.</summary>
    string StatusCode { get; }

    bool IsError { get; }

    /// <summary>Why it failed (free text; not recorded per message, only per status code).</summary>
    string Message { get; }

    /// <summary>Bytes the call moved, as the step reports them (summed into the level's <c>bytes</c>).</summary>
    long SizeBytes { get; }
}
