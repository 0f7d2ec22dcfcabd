using System.Text.RegularExpressions;
using Bench.Configuration;

namespace Bench.Scenarios;

/// <summary>Reads a request's method, path, headers and expected response from a mapping (a scenario's <c>request:</c>, or a stream).</summary>
internal static partial class ScenarioRequestReader
{
    public static readonly string[] Fields = ["method", "path", "headers", "expect"];

    private static readonly string[] ExpectFields = ["status", "body"];

    public static ScenarioRequest? Read(YamlMap map)
    {
        string? method = map.Text("method", "an HTTP method like GET") ?? ScenarioRequest.DefaultMethod;
        if (!MethodPattern().IsMatch(method))
        {
            method = null;
            map.Reject("method", "an HTTP method in capitals, like GET or POST");
        }

        string? path = ReadPath(map, "path", required: true);
        var headers = map.TextMap("headers", "a mapping of header names to values, like { Accept: text/plain }") ?? new Dictionary<string, string>();
        foreach (var (header, value) in headers)
        {
            if (!TokenPattern().IsMatch(header) || value.Any(char.IsControl))
            {
                map.Errors.Add(map.Location, $"{map.PathOf("headers")}: '{header}' is not a valid header (a name of letters, digits and -, a value on one line)");
            }
        }

        var expect = ReadExpect(map);
        return method is null || path is null || expect is null ? null : new ScenarioRequest(method, path, headers, expect);
    }

    /// <summary>A request path at <paramref name="key"/>: starting with / and without spaces; null (reported) otherwise.</summary>
    public static string? ReadPath(YamlMap map, string key, bool required)
    {
        string? path = map.Text(key, "a path like /hello or \"/io?ms=50\"", required);
        if (path is not null && !IsPath(path))
        {
            map.Reject(key, "a path starting with / and without spaces, like \"/io?ms=50\"");
            return null;
        }

        if (path is not null && Load.Http.RequestTemplate.Problem(path) is { } problem)
        {
            map.Errors.Add(map.Get(key, false, "")!, $"{map.PathOf(key)}: {problem}");
            return null;
        }

        return path;
    }

    /// <summary>A request path: it starts with / and holds no space or control character.</summary>
    public static bool IsPath(string path) => PathPattern().IsMatch(path);

    private static ExpectedResponse? ReadExpect(YamlMap request)
    {
        if (request.Get("expect", false, "") is null)
        {
            return new ExpectedResponse(ExpectedResponse.DefaultStatus, null);
        }

        var map = request.Map("expect", "a mapping like { status: 200, body: \"Hello, World!\" }", ExpectFields);
        if (map is null)
        {
            return null;
        }

        int status = map.WholeNumber("status", 100, 599) ?? ExpectedResponse.DefaultStatus;
        string? body = map.Text("body", "the exact response body");
        return new ExpectedResponse(status, body);
    }

    [GeneratedRegex(@"^[A-Z]+$")]
    private static partial Regex MethodPattern();

    [GeneratedRegex(@"^/[\x21-\x7E]*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
    private static partial Regex TokenPattern();
}
