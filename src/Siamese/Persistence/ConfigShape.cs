using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Siamese.Persistence;

/// <summary>
/// Checks that a JSON document has the shape a type reads from (the kind of every value the type knows, its required
/// members present, null only where the type allows it, a known "kind" for polymorphic members) before System.Text.Json
/// reads it, so that a bad siamese.json is refused in words naming the field, not with the serializer's .NET type names
/// and byte positions. Values are not judged here (sizes, ranges): the specs' own Validate does that.
/// </summary>
internal static class ConfigShape
{
    /// <summary>
    /// The first place, in document order, where <paramref name="element"/> does not have the shape <paramref name="type"/>
    /// reads from <see cref="ModelBundle.JsonOptions"/>: e.g. <c>"encoder.channels[1]" must be a whole number, not a string</c>;
    /// null when it has. <paramref name="path"/> names <paramref name="element"/> itself (empty for the document).
    /// </summary>
    public static string? FirstMismatch(JsonElement element, Type type, string path = "") =>
        new Walker().Check(element, type, nullability: null, path);

    private sealed class Walker
    {
        private readonly NullabilityInfoContext nullability = new();

        public string? Check(JsonElement value, Type type, NullabilityInfo? nullability, string path)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            bool allowsNull = underlying is not null || (!type.IsValueType && nullability?.ReadState == NullabilityState.Nullable);
            type = underlying ?? type;
            if (value.ValueKind == JsonValueKind.Null)
            {
                return allowsNull ? null : Expected(path, type, value);
            }

            if (type == typeof(int))
            {
                return value.ValueKind != JsonValueKind.Number ? Expected(path, type, value)
                    : value.TryGetInt32(out _) ? null
                    : $"\"{path}\" must be a whole number from {int.MinValue} to {int.MaxValue}";
            }

            if (type == typeof(double))
            {
                // JsonOptions allows the named literals; whether NaN makes sense is the value's check.
                bool number = value.ValueKind == JsonValueKind.Number ? value.TryGetDouble(out _)
                    : value.ValueKind == JsonValueKind.String && value.GetString() is "NaN" or "Infinity" or "-Infinity";
                return number ? null : Expected(path, type, value);
            }

            if (type == typeof(bool))
            {
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Expected(path, type, value);
            }

            if (type == typeof(string))
            {
                return value.ValueKind == JsonValueKind.String ? null : Expected(path, type, value);
            }

            if (type.IsEnum)
            {
                return value.ValueKind == JsonValueKind.String && EnumNames(type).Contains(value.GetString(), StringComparer.OrdinalIgnoreCase)
                    ? null
                    : Expected(path, type, value, sayWhatWasFound: value.ValueKind != JsonValueKind.String);
            }

            if (ElementType(type, nullability) is var (elementType, elementNullability) && elementType is not null)
            {
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return Expected(path, type, value);
                }

                int index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (Check(item, elementType, elementNullability, $"{path}[{index++}]") is { } mismatch)
                    {
                        return mismatch;
                    }
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                return Expected(path, type, value);
            }

            if (Polymorphism(type) is { } polymorphic)
            {
                string discriminator = polymorphic.TypeDiscriminatorPropertyName;
                var derived = polymorphic.DerivedTypes.ToList();
                string choices = string.Join(", ", derived.Select(d => $"\"{d.TypeDiscriminator}\""));
                string kindPath = Join(path, discriminator);
                if (!value.TryGetProperty(discriminator, out var kind))
                {
                    return $"\"{kindPath}\" is missing; it must be one of {choices}";
                }

                var match = derived.Where(d => kind.ValueKind == JsonValueKind.String && Equals(d.TypeDiscriminator, kind.GetString())).Select(d => d.DerivedType).FirstOrDefault();
                return match is null ? $"\"{kindPath}\" must be one of {choices}" : CheckMembers(value, match, path, skip: discriminator);
            }

            return CheckMembers(value, type, path, skip: null);
        }

        /// <summary>The settable members of <paramref name="type"/>: each present one checked in document order, then the required ones that are missing.</summary>
        private string? CheckMembers(JsonElement value, Type type, string path, string? skip)
        {
            var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } && p.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition != JsonIgnoreCondition.Always)
                .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? ModelBundle.JsonOptions.PropertyNamingPolicy!.ConvertName(p.Name));
            foreach (var property in value.EnumerateObject())
            {
                // Members the type does not know are skipped by the serializer, and so here.
                if (property.Name != skip && members.TryGetValue(property.Name, out var member)
                    && Check(property.Value, member.PropertyType, nullability.Create(member), Join(path, property.Name)) is { } mismatch)
                {
                    return mismatch;
                }
            }

            var parameters = type.GetConstructor(Type.EmptyTypes) is null
                ? type.GetConstructors().MaxBy(c => c.GetParameters().Length)?.GetParameters() ?? []
                : [];
            foreach (var (name, member) in members)
            {
                bool required = member.GetCustomAttribute<RequiredMemberAttribute>() is not null
                    || parameters.Any(p => !p.HasDefaultValue && string.Equals(p.Name, member.Name, StringComparison.OrdinalIgnoreCase));
                if (required && !value.TryGetProperty(name, out _))
                {
                    return $"\"{Join(path, name)}\" is missing";
                }
            }

            return null;
        }
    }

    /// <summary>The element type (and its nullability) of an array or list type; (null, null) for other types.</summary>
    private static (Type? Type, NullabilityInfo? Nullability) ElementType(Type type, NullabilityInfo? nullability)
    {
        if (type.IsArray)
        {
            return (type.GetElementType(), nullability?.ElementType);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>) || definition == typeof(IEnumerable<>)))
        {
            return (type.GetGenericArguments()[0], nullability?.GenericTypeArguments.FirstOrDefault());
        }

        return (null, null);
    }

    /// <summary>The kinds of a polymorphic type as <see cref="ModelBundle.JsonOptions"/> reads them (its catalog's), or null.</summary>
    private static System.Text.Json.Serialization.Metadata.JsonPolymorphismOptions? Polymorphism(Type type) =>
        type.IsAbstract && !type.IsInterface && type.IsClass ? ModelBundle.JsonOptions.GetTypeInfo(type).PolymorphismOptions : null;

    private static IEnumerable<string> EnumNames(Type type) =>
        Enum.GetNames(type).Select(name => JsonNamingPolicy.KebabCaseLower.ConvertName(name));

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Expected(string path, Type type, JsonElement found, bool sayWhatWasFound = true)
    {
        string expected = type == typeof(int) ? "a whole number"
            : type == typeof(double) ? "a number"
            : type == typeof(bool) ? "true or false"
            : type == typeof(string) ? "a string"
            : type.IsEnum ? "one of " + string.Join(", ", EnumNames(type).Select(name => $"\"{name}\""))
            : ElementType(type, null).Type is not null ? "an array"
            : Polymorphism(type) is { } polymorphic
                ? $"an object with \"{polymorphic.TypeDiscriminatorPropertyName}\" one of {string.Join(", ", polymorphic.DerivedTypes.Select(d => $"\"{d.TypeDiscriminator}\""))}"
            : "an object";
        return sayWhatWasFound ? $"\"{path}\" must be {expected}, not {Kind(found)}" : $"\"{path}\" must be {expected}";
    }

    /// <summary>The kind of a JSON value in words: "a string", "null", ...</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
