namespace Bench.Targets.Http;

public enum ParseStatus
{
    Incomplete,
    Complete,
    Error,
}
