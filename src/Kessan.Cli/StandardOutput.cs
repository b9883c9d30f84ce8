using System.Text;

namespace Kessan.Cli;

/// <summary>
/// The writer a command's results go to (standard output), whose failures are the output's, not Kessan's: a full disk
/// or a broken device while writing is reported as such (<see cref="OutputFailedException"/>), not as an internal error.
/// Every write goes to the writer given, unchanged.
/// </summary>
internal sealed class StandardOutput : TextWriter
{
    private readonly TextWriter inner;

    public StandardOutput(TextWriter inner)
        : base(inner.FormatProvider)
    {
        this.inner = inner;
        NewLine = inner.NewLine; // the line ends the writer given writes, for the lines written through this one
    }

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        try
        {
            inner.Write(value);
        }
        catch (IOException e)
        {
            throw new OutputFailedException(e);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        try
        {
            inner.Write(buffer, index, count);
        }
        catch (IOException e)
        {
            throw new OutputFailedException(e);
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (IOException e)
        {
            throw new OutputFailedException(e);
        }
    }

    public override void Write(string? value)
    {
        try
        {
            inner.Write(value);
        }
        catch (IOException e)
        {
            throw new OutputFailedException(e);
        }
    }

    public override void WriteLine(string? value)
    {
        try
        {
            inner.WriteLine(value);
        }
        catch (IOException e)
        {
            throw new OutputFailedException(e);
        }
    }

    public override void Flush()
    {
        try
        {
            inner.Flush();
        }
        catch (IOException e)
        {
            throw new OutputFailedException(e);
        }
    }
}

/// <summary>Standard output could not be written (a full disk, a broken device): the results are incomplete.</summary>
internal sealed class OutputFailedException(IOException inner) : IOException(inner.Message, inner);
