using Outreach.Cli;
using Spectre.Console;

return await OutreachCli.RunAsync(args, AnsiConsole.Console, Console.Out);
