namespace Bench.Sdk.RawHttp;

/// <summary>
/// What another thread asks of an <see cref="HttpLoop"/> for one exchange: start its call, cancel it (the call of
/// <paramref name="Version"/>), or close its idle connection and then complete <paramref name="Closed"/>.
/// </summary>
internal readonly record struct InboxItem(Exchange Exchange, short Version, InboxItem.Kinds Kind, TaskCompletionSource? Closed = null)
{
    public enum Kinds
    {
        Start,
        Cancel,
        Close,
    }
}
