namespace Bench.Servers.Http;

public enum StepKind
{
    /// <summary>Flush pending output, then receive more bytes.</summary>
    NeedData,

    /// <summary>Carry out the work (wait, block or compute), then call Complete.</summary>
    Work,

    /// <summary>Flush pending output, then close the connection.</summary>
    Close,
}
