using Microsoft.Extensions.Options;
using Outreach.Core.Pipeline;
using Outreach.Core.Sources;
using Outreach.Graph.Mailboxes;
using Outreach.Graph.Tests.Support;

namespace Outreach.Graph.Tests.Mailboxes;

public sealed class GraphGroupMailboxDirectoryTests
{
    private const string GroupId = "5b2f6f6e-9c1e-4d5a-a1b2-0c9d8e7f6a5b";

    private static GraphGroupMailboxDirectory Directory(GraphFixture graph, PipelineOptions pipeline) =>
        new(graph.Client, Options.Create(pipeline), Options.Create(graph.Options));

    [Fact]
    public async Task Members_of_the_group_and_configured_mailboxes_are_in_scope_each_once()
    {
        await using var graph = await GraphFixture.StartAsync();
        var group = graph.Server.Group(GroupId);
        for (var i = 0; i < 1500; i++) group.AddUser($"seller{i:D4}@northwind.com");
        group.AddUser("Avery@Northwind.com", mail: "avery.quinn@northwind.com");
        group.AddUser("gone@northwind.com", accountEnabled: false);

        var mailboxes = await Directory(graph, new PipelineOptions { MailboxGroupId = GroupId, Mailboxes = ["seller0001@northwind.com", "ops@northwind.com"] })
            .ResolveAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1502, mailboxes.Count);
        Assert.Contains("avery.quinn@northwind.com", mailboxes);
        Assert.Contains("ops@northwind.com", mailboxes);
        Assert.DoesNotContain("gone@northwind.com", mailboxes);
        Assert.Equal(2, graph.Server.Requests.Count); // 999 per page
    }

    [Fact]
    public async Task Without_a_group_only_the_configured_list_is_used_and_Graph_is_not_called()
    {
        await using var graph = await GraphFixture.StartAsync();

        var mailboxes = await Directory(graph, new PipelineOptions { Mailboxes = ["B@northwind.com", "a@northwind.com"] })
            .ResolveAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["a@northwind.com", "b@northwind.com"], mailboxes);
        Assert.Equal(0, graph.Server.Requests.Count);
    }

    [Fact]
    public async Task An_unknown_group_is_named_in_the_error()
    {
        await using var graph = await GraphFixture.StartAsync();

        var error = await Assert.ThrowsAsync<MailboxAccessException>(() =>
            Directory(graph, new PipelineOptions { MailboxGroupId = "missing-group" }).ResolveAsync(TestContext.Current.CancellationToken));

        Assert.Equal(MailboxAccessFailure.NotFound, error.Failure);
        Assert.Contains("MailboxGroupId", error.Message, StringComparison.Ordinal);
    }
}
