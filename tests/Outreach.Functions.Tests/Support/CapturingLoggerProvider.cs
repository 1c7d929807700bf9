using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Outreach.Functions.Tests.Support;

/// <summary>Keeps every log line (level, event id, formatted message with its exception) for assertions on what the logs say.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (exception is not null) text += Environment.NewLine + exception;
            owner._entries.Enqueue(new CapturedLog(category, logLevel, eventId.Id, text));
        }
    }
}

internal sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Text);
