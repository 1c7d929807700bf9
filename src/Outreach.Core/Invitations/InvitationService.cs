using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Invitations.Slots;
using Outreach.Core.Invitations.Templates;
using Outreach.Core.Policy;
using Outreach.Core.Sources;
using Outreach.Core.State;

namespace Outreach.Core.Invitations;

/// <summary>
/// Sends invitations: one event per contact on the owner's calendar, which Exchange turns into an
/// Outlook invitation. Safe to retry by construction: a ledger row is reserved (conditional insert)
/// before the event is created with a deterministic transactionId, so a retry after any failure — even
/// a crash between creating the event and recording it — finishes the same invitation, never a second.
/// The reservation is also the only gate between paths (HTTP, review page, auto mode, CLI): the ledger
/// judges the cooldown on the row it replaces, in the same conditional write, so two requests with
/// different idempotency keys (or none) cannot both invite a contact. The history read first only
/// answers early; it decides nothing it cannot take back.
/// </summary>
public sealed class InvitationService(
    ICalendarWriter calendar,
    IInvitationLedger ledger,
    ContactEligibility eligibility,
    IMailboxStateStore states,
    ITemplateCatalog templates,
    InvitationTemplateRenderer renderer,
    IOptions<InvitationOptions> options,
    IOptions<SlotOptions> slotOptions,
    TimeProvider time,
    ILogger<InvitationService> logger,
    Pipeline.IMailboxErasureGuard? erasure = null)
{
    public async Task<InvitationResponse> SendAsync(InvitationRequest request, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.OutreachTelemetry.Source.StartActivity("invitations.send");
        var settings = options.Value;
        var (mailbox, contacts, template, duration, location) = Validate(request, settings);
        activity?.SetTag("outreach.invitations.dry_run", request.DryRun);
        var now = time.GetUtcNow();

        var owner = await calendar.GetOwnerAsync(mailbox, cancellationToken);
        if (!OwnerTimeZone.TryResolve(owner.TimeZone, out _))
        {
            // Graph names a custom zone "Customized Time Zone", which no zone database knows: work in UTC
            // rather than fail every contact (working hours are then read as UTC hours).
            InvitationLog.UnknownOwnerTimeZone(logger, EmailAddresses.Redact(mailbox), owner.TimeZone);
            owner = owner with { TimeZone = "UTC" };
        }

        var zone = request.TimeZone ?? owner.TimeZone;
        var hours = new WorkingHours(owner.WorkingDays, owner.WorkdayStart, owner.WorkdayEnd, owner.TimeZone);
        var state = await states.LoadAsync(mailbox, cancellationToken);
        // The one eligibility decision (the digest and the scan ask the same), without the digest's snoozes:
        // an invitation asked for by name goes ahead whatever the digest was told.
        var eligible = await eligibility.ForMailboxAsync(mailbox, state, now, includeSnoozes: false, cancellationToken);
        var history = eligible.Invitations;

        // Who gets what: a reason to skip, the answer already given for this key, a pending invitation to
        // finish, or a new invitation that needs a slot.
        var results = new Dictionary<string, InvitationResult>(StringComparer.Ordinal);
        var resume = new List<InvitationLedgerEntry>();
        var fresh = new List<string>();
        foreach (var contact in contacts)
        {
            var entry = history.For(contact);
            var answer = eligible.Check(contact);

            if (answer.IsExcluded) results[contact] = Skipped(contact, answer.ReasonCode!.Value, answer.ExclusionText!);
            else if (entry is not null && request.IdempotencyKey is not null && entry.IdempotencyKey == request.IdempotencyKey && entry.Status != InvitationStatus.Pending)
            {
                results[contact] = Created(contact, entry);
            }
            else if (entry is { Status: InvitationStatus.Pending } && !request.DryRun) resume.Add(entry);
            else if (answer is { Reason: EligibilityReason.DeclinedRecently, Invitation: { } declined }) results[contact] = Refused(contact, declined, ReservationConflict.DeclinedRecently);

            // A pending invitation a dry run cannot resume is reported as waiting, as it always was.
            else if (answer is { Reason: EligibilityReason.Pending or EligibilityReason.Cooldown, Invitation: { } invited }) results[contact] = Refused(contact, invited, ReservationConflict.AwaitingAnswer);
            else fresh.Add(contact);
        }

        var slots = await SlotsAsync(request, mailbox, hours, duration, fresh.Count + resume.Count(e => e.Start is null || e.Start <= now), now, cancellationToken);
        var context = new InvitationContext(mailbox, request, template, location, zone, owner, state, now);
        var nextSlot = 0;
        foreach (var entry in resume)
        {
            var slot = entry.Start is { } s && s > now && entry.End is { } e ? new TimeInterval(s, e) : slots.ElementAtOrDefault(nextSlot++);
            results[entry.Contact] = await InviteAsync(context, entry.Contact, entry, slot, cancellationToken);
        }

        foreach (var contact in fresh)
        {
            var slot = slots.ElementAtOrDefault(nextSlot++);
            results[contact] = await InviteAsync(context, contact, null, slot, cancellationToken);
        }

        InvitationLog.Sent(logger, EmailAddresses.Redact(mailbox), request.DryRun,
            results.Values.Count(r => r.Outcome is InvitationOutcome.Created or InvitationOutcome.DryRun),
            results.Values.Count(r => r.Outcome == InvitationOutcome.Skipped), results.Values.Count(r => r.Outcome == InvitationOutcome.Failed));
        foreach (var result in results.Values) Telemetry.OutreachTelemetry.Invited(result.Outcome, result.ReasonCode, request.DryRun);
        activity?.SetTag("outreach.invitations.count", results.Count);
        return new InvitationResponse(mailbox, request.DryRun, [.. contacts.Select(c => results[c])]);
    }

    private async Task<InvitationResult> InviteAsync(
        InvitationContext context, string contact, InvitationLedgerEntry? pending, TimeInterval slot, CancellationToken cancellationToken)
    {
        var (mailbox, request, template, location, zone, owner, state, now) = context;
        if (slot == default)
        {
            return new InvitationResult(contact, InvitationOutcome.Failed)
            {
                Reason = $"no free slot of {request.DurationMinutes ?? options.Value.DefaultDurationMinutes} minutes in working hours in the next {slotOptions.Value.HorizonDays} business days",
                ReasonCode = InvitationReasonCode.NoFreeSlot,
            };
        }

        var known = state is not null && state.Contacts.TryGetValue(contact, out var ledgerEntry) ? ledgerEntry : null;
        RenderedInvitation Render(TimeInterval at) => renderer.Render(template, new InvitationTemplateModel
        {
            ContactEmail = contact,
            ContactDisplayName = known?.DisplayName,
            LatestSubject = known?.LatestSubject,
            OwnerName = owner.DisplayName,
            OwnerSignature = options.Value.OwnerSignature,
            Mode = request.Mode,
            Location = location,
            Start = at.Start,
            End = at.End,
            TimeZoneId = zone,
        });

        if (request.DryRun)
        {
            var preview = Render(slot);
            return new InvitationResult(contact, InvitationOutcome.DryRun) { Start = slot.Start, End = slot.End, Subject = preview.Subject, Body = preview.Body };
        }

        var entry = pending;
        if (entry is null)
        {
            var reservedAt = now;
            var candidate = new InvitationLedgerEntry
            {
                Mailbox = mailbox,
                Contact = contact,
                Status = InvitationStatus.Pending,
                Mode = request.Mode,
                TransactionId = TransactionId(mailbox, contact, request.IdempotencyKey, reservedAt),
                ReservedAt = reservedAt,
                Start = slot.Start,
                End = slot.End,
                IdempotencyKey = request.IdempotencyKey,
            };
            // Auto mode inside a scan stage: no ledger row for a mailbox erased after the scan began (no-op otherwise).
            if (erasure is not null) await erasure.ThrowIfErasedAsync(mailbox, cancellationToken);

            // The one gate: decided by the ledger on its current row, in the write that takes the contact.
            var reservation = await ledger.ReserveAsync(candidate, ReservationPolicy.From(options.Value, now), cancellationToken);
            if (reservation.Reserved) entry = reservation.Entry;
            else if (reservation.Entry is { Status: InvitationStatus.Pending } same && same.TransactionId == candidate.TransactionId)
            {
                // This very request (same key) is being handled twice at once: finish the one reservation with
                // its transactionId, as a retry would; Graph makes one event of both.
                entry = same;
                if (same.Start is { } s && s > now && same.End is { } e) slot = new TimeInterval(s, e);
            }
            else return Refused(contact, reservation.Entry, reservation.Conflict!.Value, request.IdempotencyKey);
        }

        var rendered = Render(slot);
        CreatedMeeting created;
        try
        {
            created = await calendar.CreateAsync(mailbox, new NewMeeting(
                rendered.Subject, rendered.Body, slot.Start, slot.End, zone, contact, known?.DisplayName,
                request.Mode, location, entry.TransactionId), cancellationToken);
        }
        catch (MailboxAccessException error)
        {
            // The reservation stays pending: a retry finishes it with the same transactionId.
            return new InvitationResult(contact, InvitationOutcome.Failed)
            {
                Reason = error.Message, ReasonCode = InvitationReasonCode.MailboxUnavailable, Start = slot.Start, End = slot.End,
            };
        }

        try
        {
            var sent = await ledger.UpdateAsync(entry with
            {
                Status = InvitationStatus.Sent,
                SentAt = time.GetUtcNow(),
                EventId = created.EventId,
                JoinUrl = created.JoinUrl,
                Start = created.Start,
                End = created.End,
            }, CancellationToken.None);
            return Created(contact, sent);
        }
        catch (StateConflictException)
        {
            // Another request resumed the same pending entry (a form sent twice at once) and recorded it first;
            // Graph created one event for the shared transactionId, so this is the same invitation, not a failure.
            var current = await ledger.GetAsync(mailbox, contact, CancellationToken.None);
            return current is { Status: not InvitationStatus.Pending } && current.TransactionId == entry.TransactionId
                ? Created(contact, current)
                : Skipped(contact, InvitationReasonCode.InProgress, InProgressText);
        }
    }

    private async Task<IReadOnlyList<TimeInterval>> SlotsAsync(
        InvitationRequest request, string mailbox, WorkingHours hours, TimeSpan duration, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (count == 0) return [];
        var horizonEnd = LookAheadEnd(now);
        var busy = (await calendar.GetBusyAsync(mailbox, now, horizonEnd, cancellationToken)).Select(b => new TimeInterval(b.Start, b.End)).ToList();
        if (request.Start is not { } start)
        {
            return SlotFinder.FindSlots(new SlotRequest { WorkingHours = hours, Busy = busy, Duration = duration, Now = now, Count = count }, slotOptions.Value);
        }

        var check = SlotFinder.CheckStart(hours, start, duration, now, slotOptions.Value, busy);
        if (!check.IsValid) throw new InvitationRequestException("start", check.Message!);

        // Several contacts at a chosen start: back to back from it, each still checked against the calendar.
        var slots = new List<TimeInterval>();
        for (var i = 0; i < count; i++)
        {
            var candidate = new TimeInterval(start + (duration * i), start + (duration * (i + 1)));
            slots.Add(SlotFinder.CheckStart(hours, candidate.Start, duration, now, slotOptions.Value, busy).IsValid ? candidate : default);
        }

        return slots;
    }

    private (string Mailbox, List<string> Contacts, InvitationTemplate Template, TimeSpan Duration, string? Location) Validate(
        InvitationRequest request, InvitationOptions settings)
    {
        if (!EmailAddresses.IsValid(request.Mailbox)) throw new InvitationRequestException("mailbox", "must be a user principal name such as avery@contoso.com");
        if (request.Contacts.Count == 0) throw new InvitationRequestException("contacts", "name at least one contact address");
        if (request.Contacts.Count > settings.MaxContactsPerRequest)
        {
            throw new InvitationRequestException("contacts", $"at most {settings.MaxContactsPerRequest} contacts per request ({request.Contacts.Count} given)");
        }

        for (var i = 0; i < request.Contacts.Count; i++)
        {
            if (EmailAddresses.IsValid(request.Contacts[i])) continue;

            // Not an address: a LinkedIn-only contact (issue 13) gets its typed reason, named like any bad field.
            var reason = MailboxEligibility.OfNonAddress(request.Contacts[i]) == EligibilityReason.LinkedInOnly
                ? EligibilityWording.LinkedInOnly
                : "not an email address";
            throw new InvitationRequestException($"contacts[{i}]", $"'{request.Contacts[i]}' is {reason}");
        }

        var minutes = request.DurationMinutes ?? settings.DefaultDurationMinutes;
        if (minutes is < 15 or > 120) throw new InvitationRequestException("durationMinutes", "must be between 15 and 120");
        if (request.Start is { } start)
        {
            var now = time.GetUtcNow();
            if (start < now) throw new InvitationRequestException("start", "is in the past");

            // Busy times are read only up to the look-ahead, so a later start could overlap a meeting unseen
            // (and one near DateTimeOffset.MaxValue cannot even have an end): refuse it.
            var lookAhead = LookAheadEnd(now);
            if (start > lookAhead - TimeSpan.FromMinutes(minutes))
            {
                throw new InvitationRequestException("start", $"must end within {(lookAhead - now).TotalDays:0} days from now: the owner's calendar is checked that far ahead");
            }
        }

        if (request.TimeZone is { } zone && !OwnerTimeZone.TryResolve(zone, out _)) throw new InvitationRequestException("timeZone", $"'{zone}' is not a time zone (IANA or Windows name)");

        var location = string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim();
        if (request.Mode == InvitationMode.InPerson) location ??= settings.DefaultLocation;
        if (request.Mode == InvitationMode.InPerson && location is null)
        {
            throw new InvitationRequestException("location", "an in-person meeting needs a location (or configure Outreach:Invitations:DefaultLocation)");
        }

        if (location is { Length: > 255 }) throw new InvitationRequestException("location", "must be at most 255 characters");

        InvitationTemplate template;
        try
        {
            template = templates.Resolve(request.Template, request.Mode);
        }
        catch (InvitationTemplateException error)
        {
            throw new InvitationRequestException("template", error.Message);
        }

        var contacts = request.Contacts.Select(EmailAddresses.Normalize).Distinct(StringComparer.Ordinal).ToList();
        return (EmailAddresses.Normalize(request.Mailbox), contacts, template, TimeSpan.FromMinutes(minutes), location);
    }

    /// <summary>
    /// The same invitation must carry the same Graph transactionId on every retry: derived from the
    /// mailbox, the contact and the caller's key (or the moment the invitation was reserved).
    /// </summary>
    public static string TransactionId(string mailbox, string contact, string? idempotencyKey, DateTimeOffset reservedAt)
    {
        var seed = $"{mailbox}\n{contact}\n{idempotencyKey ?? reservedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>
    /// The end of the window the owner's busy times are read for: twice the slot horizon and a week, to
    /// cover the business days and the weekends between them, but never more than the 62 days one
    /// calendar/getSchedule request may span ("Limits and error conditions",
    /// https://learn.microsoft.com/graph/outlook-get-free-busy-schedule#limits-and-error-conditions).
    /// </summary>
    private DateTimeOffset LookAheadEnd(DateTimeOffset now) => now.AddDays(Math.Min(slotOptions.Value.HorizonDays * 2 + 7, MaxScheduleDays));

    private const int MaxScheduleDays = 62;

    private const string InProgressText = EligibilityWording.InProgress;

    /// <summary>The answer for a contact the ledger's current row keeps from a new invitation.</summary>
    private InvitationResult Refused(string contact, InvitationLedgerEntry current, ReservationConflict conflict, string? idempotencyKey = null)
    {
        // The same key again, once its invitation was sent: the first answer, whatever path asks.
        if (idempotencyKey is not null && current.IdempotencyKey == idempotencyKey && current.Status != InvitationStatus.Pending) return Created(contact, current);
        var settings = options.Value;
        return conflict switch
        {
            ReservationConflict.Pending => Skipped(contact, InvitationReasonCode.InProgress, InProgressText),
            ReservationConflict.DeclinedRecently => Skipped(contact, InvitationReasonCode.DeclinedRecently, EligibilityWording.DeclinedRecently(current, settings.DeclinedCooldownDays)),
            _ => Skipped(contact, InvitationReasonCode.AlreadyInvited, EligibilityWording.AlreadyInvited(current, settings.CooldownDays)),
        };
    }

    private static InvitationResult Skipped(string contact, InvitationReasonCode code, string reason) =>
        new(contact, InvitationOutcome.Skipped) { Reason = reason, ReasonCode = code };

    private static InvitationResult Created(string contact, InvitationLedgerEntry entry) =>
        new(contact, InvitationOutcome.Created) { EventId = entry.EventId, Start = entry.Start, End = entry.End, JoinUrl = entry.JoinUrl };
}
