using System.Runtime.CompilerServices;
using Siamese.Engine;

namespace Siamese.Tests;

/// <summary>
/// Sets the engine up before any test runs, so that a test which calls TorchSharp directly before it touches the
/// library cannot load libtorch ahead of the oneDNN cap (TorchEngine refuses to run after that).
/// </summary>
internal static class EngineSetUp
{
#pragma warning disable CA2255 // A test assembly is the application here.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Run() => TorchEngine.EnsureInitialized();
}
