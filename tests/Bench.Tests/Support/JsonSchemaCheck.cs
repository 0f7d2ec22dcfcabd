using System.Text.Json;

namespace Bench.Tests.Support;

/// <summary>
/// A small structural JSON Schema check, enough for docs/results.schema.json: $ref into $defs, type (with
/// integer), const, enum, required, properties, additionalProperties (false or a schema) and items.
/// </summary>
public static class JsonSchemaCheck
{
    public static IReadOnlyList<string> Problems(JsonElement schema, JsonElement value)
    {
        var problems = new List<string>();
        Check(schema, schema, value, "$", problems);
        return problems;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            string name = reference.GetString()!["#/$defs/".Length..];
            Check(root, root.GetProperty("$defs").GetProperty(name), value, path, problems);
            return;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
            string actual = KindOf(value);
            if (!allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
            {
                problems.Add($"{path}: is {actual}, schema allows {string.Join(" or ", allowed)}");
                return;
            }
        }

        if (schema.TryGetProperty("const", out var constant) && constant.GetRawText() != value.GetRawText())
        {
            problems.Add($"{path}: is {value.GetRawText()}, schema requires {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => o.GetRawText() == value.GetRawText()))
        {
            problems.Add($"{path}: {value.GetRawText()} is not one of {options.GetRawText()}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(root, schema, value, path, problems);
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            int i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(root, items, item, $"{path}[{i++}]", problems);
            }
        }
    }

    private static void CheckObject(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            problems.AddRange(required.EnumerateArray().Select(r => r.GetString()!).Where(r => !value.TryGetProperty(r, out _)).Select(r => $"{path}: required '{r}' is missing"));
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(root, propertySchema, property.Value, $"{path}.{property.Name}", problems);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                problems.Add($"{path}: '{property.Name}' is not in the schema");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(root, additional, property.Value, $"{path}[\"{property.Name}\"]", problems);
            }
        }
    }

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
