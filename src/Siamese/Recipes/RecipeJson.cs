using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Siamese.Persistence;
using Siamese.Sources;

namespace Siamese.Recipes;

/// <summary>Reads and writes <see cref="TrainingRecipe"/>s as JSON (the settings of siamese.json plus the catalogs' polymorphism).</summary>
public static class RecipeJson
{
    /// <summary>The JSON settings of recipes.</summary>
    public static JsonSerializerOptions Options { get; } = new(ModelBundle.JsonOptions)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DataSourceCatalog.AddPolymorphism, Losses.LossCatalog.AddPolymorphism, Encoders.EncoderCatalog.AddPolymorphism } },
    };

    /// <summary>Largest recipe file read, in bytes (1 MiB); a recipe takes a few kilobytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>Reads and validates the recipe file at <paramref name="path"/>.</summary>
    /// <exception cref="Data.DataFormatException">The file is missing, not a regular file, unreadable or too large.</exception>
    /// <exception cref="ArgumentException">The file is not a valid recipe; the message names it.</exception>
    public static TrainingRecipe ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            using var stream = Data.TextLines.OpenFile(path, "a training recipe (JSON)");
            if (stream.Length > MaxFileBytes)
            {
                throw new Data.DataFormatException(path, $"is {stream.Length} bytes; a training recipe takes at most {MaxFileBytes}");
            }

            using var reader = new StreamReader(stream, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
            json = reader.ReadToEnd();
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw Data.TextLines.CannotRead(path, ex);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new Data.DataFormatException(path, "is not UTF-8 text; expected a training recipe (JSON)");
        }

        return Read(json, path);
    }

    /// <summary>The recipe as indented JSON.</summary>
    public static string Write(TrainingRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return JsonSerializer.Serialize(recipe, Options);
    }

    /// <summary>The recipe as a JSON element, for a bundle to keep.</summary>
    public static JsonElement ToElement(TrainingRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return JsonSerializer.SerializeToElement(recipe, Options);
    }

    /// <summary>Reads a recipe and validates it.</summary>
    /// <param name="json">The JSON text or element.</param>
    /// <param name="source">What to name in messages (a file name, "the checkpoint").</param>
    /// <exception cref="ArgumentException">Not a recipe, or an invalid one; the message starts with <paramref name="source"/>.</exception>
    public static TrainingRecipe Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        TrainingRecipe? recipe;
        try
        {
            recipe = JsonSerializer.Deserialize<TrainingRecipe>(json, Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // NotSupportedException: a data or loss part without its "source" / "loss" kind (an abstract record).
            throw new ArgumentException($"{source}: not a training recipe ({ex.Message})", ex);
        }

        return Checked(recipe, source);
    }

    /// <inheritdoc cref="Read(string, string)"/>
    public static TrainingRecipe Read(JsonElement json, string source)
    {
        TrainingRecipe? recipe;
        try
        {
            recipe = json.Deserialize<TrainingRecipe>(Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // NotSupportedException: a data or loss part without its "source" / "loss" kind (an abstract record).
            throw new ArgumentException($"{source}: not a training recipe ({ex.Message})", ex);
        }

        return Checked(recipe, source);
    }

    private static TrainingRecipe Checked(TrainingRecipe? recipe, string source)
    {
        if (recipe is null)
        {
            throw new ArgumentException($"{source}: not a training recipe (null)");
        }

        try
        {
            recipe.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{source}: {ex.Message}", ex);
        }

        return recipe;
    }
}
