using System.Globalization;
using System.Reflection;
using Spectre.Console.Cli;

namespace Siamese.Cli;

/// <summary>
/// Refuses NaN and infinity in every number option of every verb, before the verb's own checks run: a comparison
/// such as <c>warmup &lt; 0</c> is false for NaN, so NaN would pass them all.
/// </summary>
internal sealed class FiniteNumberOptions : ICommandInterceptor
{
    /// <inheritdoc />
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } option
                || (property.PropertyType != typeof(double) && property.PropertyType != typeof(double?)))
            {
                continue;
            }

            if (property.GetValue(settings) is double value && !double.IsFinite(value))
            {
                throw new ArgumentException($"--{option.LongNames[0]} must be a finite number, not {value.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }
}
