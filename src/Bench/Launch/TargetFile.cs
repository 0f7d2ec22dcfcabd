using Bench.Configuration;

namespace Bench.Launch;

/// <summary>
/// A file written into the target's own folder ({dir}) before it starts, such as NGINX's or gunicorn's config: the
/// template's text with every placeholder but the launch ones (<see cref="LaunchValues"/>) already filled in.
/// </summary>
public sealed record TargetFile(string Name, string Text, SourceLocation Template)
{
    /// <summary>Writes it into <paramref name="values"/>' folder with the launch placeholders filled in.</summary>
    public void Render(LaunchValues values) => File.WriteAllText(Path.Combine(values.Dir, Name), values.Fill(Text));
}
