namespace Bench.Load.Http;

/// <summary>What <see cref="HttpResponseParser.Parse"/> made of the bytes so far.</summary>
public enum ResponseParseStatus
{
    /// <summary>The response is not complete; keep the unconsumed bytes and call again with more.</summary>
    NeedMore,

    /// <summary>One whole response has been read.</summary>
    Complete,

    /// <summary>The bytes are not an HTTP/1.x response; <see cref="HttpResponseParser.Error"/> says why.</summary>
    Malformed,
}
