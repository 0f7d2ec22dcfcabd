namespace Bench.Servers.Http;

public enum ParseStatus
{
    Incomplete,
    Complete,
    Error,
}
