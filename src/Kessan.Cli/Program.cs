namespace Kessan.Cli;

public static class Program
{
    public static int Main(string[] args) => KessanCli.Run(args, Console.Out, Console.Error);
}
