namespace Bench.Servers.Http;

/// <summary>What to send back: a status, a body and whether the connection must close after it.</summary>
public readonly record struct Response(int Status, ReadOnlyMemory<byte> Body, bool IsJson = false, bool Close = false)
{
    public static Response Text(int status, string body, bool close = false) =>
        new(status, System.Text.Encoding.UTF8.GetBytes(body), false, close);

    public static Response FromError(HttpError error) => Text(error.Status, error.Reason + "\n", close: true);
}
