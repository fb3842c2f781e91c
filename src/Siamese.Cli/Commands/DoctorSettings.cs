namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese doctor</c>: only the common ones (--threads sets the thread count checked).</summary>
public sealed class DoctorSettings : CommonSettings
{
}
