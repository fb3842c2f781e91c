namespace Siamese.Tests;

/// <summary>
/// Runs a test body on a thread of its own, so that live-tensor counts taken inside it see no dispose scope or tensor
/// of the test runner's thread; an exception in the body fails the test.
/// </summary>
internal static class FreshThread
{
    public static void Run(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }
}
