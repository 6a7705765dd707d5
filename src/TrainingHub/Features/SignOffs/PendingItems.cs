using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.SignOffs;

/// <summary>What still waits for a supervisor: pending hours entries not reversed, and practicum entries not yet decided.</summary>
internal static class PendingItems
{
    public static IQueryable<HoursEntry> Hours(TrainingHubDb db) =>
        db.HoursEntries.AsNoTracking().Where(h => h.Status == HoursStatus.Pending && h.Hours > 0 && h.ReversesEntryId == null
            && !db.HoursEntries.Any(r => r.ReversesEntryId == h.Id));

    public static IQueryable<PracticumEntry> Practicum(TrainingHubDb db) =>
        db.PracticumEntries.AsNoTracking().Where(p => !db.SignOffItems.Any(i => i.Subject == SignOffSubject.Practicum && i.SubjectId == p.Id));
}
