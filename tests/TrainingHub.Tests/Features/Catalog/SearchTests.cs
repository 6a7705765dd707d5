using FluentValidation;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Catalog;

namespace TrainingHub.Tests.Features.Catalog;

/// <summary>The search box: lessons by title and text for everyone, people by name or e-mail for staff, only at their own sites.</summary>
public sealed class SearchTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Search.Result> Find(string email, string? text) => await _host.Send(new Search.Query(await _host.IdOf(email), text));

    [Fact]
    public async Task A_trainee_finds_a_lesson_by_words_of_its_title_in_any_case_and_by_words_of_its_text()
    {
        var lesson = _host.Catalog.Find("mat")!.Lessons.First();
        var byTitle = await Find(DemoAccounts.Trainee, lesson.Title.ToUpperInvariant());
        Assert.Equal(lesson.Id, byTitle.Lessons[0].LessonId);
        Assert.Equal("mat", byTitle.Lessons[0].CourseId);
        Assert.False(byTitle.SearchedPeople);
        Assert.Empty(byTitle.People);

        var byText = await Find(DemoAccounts.Trainee, "buprenorphine");
        Assert.NotEmpty(byText.Lessons);
        Assert.All(byText.Lessons, h => Assert.Contains("buprenorphine", LessonSearchIndex.Fold(
            h.LessonTitle + " " + _host.Catalog.FindLesson(h.CourseId, h.LessonId)!.Html), StringComparison.Ordinal));
        Assert.Empty((await Find(DemoAccounts.Trainee, "buprenorphine zzqqxx")).Lessons); // every word must be there
    }

    [Fact]
    public async Task A_spanish_reader_finds_translated_lessons_by_their_spanish_words_and_untranslated_ones_in_english()
    {
        var trainee = await _host.IdOf(DemoAccounts.Trainee);
        var translated = _host.Catalog.Find("mat")!.Lessons.First();
        var spanish = _host.Catalog.FindTranslation("mat", translated.Id, "es")!;

        var byTitle = await _host.Send(new Search.Query(trainee, spanish.Title, "es"));
        var hit = byTitle.Lessons[0];
        Assert.Equal((translated.Id, spanish.Title, "es"), (hit.LessonId, hit.LessonTitle, hit.Language));
        Assert.Equal(_host.Catalog.CourseTranslations.Single(t => t.CourseId == "mat" && t.Language == "es").Title, hit.CourseTitle);

        // "metadona" is in the Spanish text only: an English reader does not find it, a Spanish reader does (accents ignored).
        Assert.Empty((await _host.Send(new Search.Query(trainee, "metadona", "en"))).Lessons);
        var found = await _host.Send(new Search.Query(trainee, "METADONA", "es"));
        Assert.NotEmpty(found.Lessons);
        Assert.All(found.Lessons, h => Assert.Equal(("mat", "es"), (h.CourseId, h.Language)));

        // The Recovery Coach course has no translation: a Spanish reader still finds it by its English words, marked English.
        var english = await _host.Send(new Search.Query(trainee, "recovery capital", "es"));
        Assert.Contains(english.Lessons, h => h.CourseId == "recovery-coach" && h.Language == "en");

        // A language the site does not have is searched as English (and adds no list to the index).
        Assert.Empty((await _host.Send(new Search.Query(trainee, "metadona", "xx"))).Lessons);
        var unknown = await _host.Send(new Search.Query(trainee, "buprenorphine", "xx"));
        Assert.NotEmpty(unknown.Lessons);
        Assert.All(unknown.Lessons, h => Assert.Equal("en", h.Language));
    }

    [Fact]
    public async Task A_coordinator_finds_people_of_their_own_site_by_name_or_address_and_never_another_sites()
    {
        var byName = await Find(DemoAccounts.Coordinator, "terry");
        Assert.True(byName.SearchedPeople);
        var terry = Assert.Single(byName.People);
        Assert.Equal(("Terry Jackson", DemoAccounts.Trainee), (terry.FullName, terry.Email));
        Assert.Single((await Find(DemoAccounts.Coordinator, "TRAINEE@")).People, p => p.FullName == "Terry Jackson");

        // Lena Brooks is a trainee of site B only.
        Assert.Empty((await Find(DemoAccounts.Coordinator, "Lena")).People);
        Assert.Empty((await Find(DemoAccounts.Coordinator, "trainee.b")).People);
        Assert.Single((await Find(DemoAccounts.CoordinatorB, "lena brooks")).People);
        Assert.Single((await Find(DemoAccounts.Admin, "Lena")).People);
    }

    [Fact]
    public async Task The_people_found_are_bounded_and_say_when_there_are_more()
    {
        await _host.Db(async db =>
        {
            for (var i = 0; i < Search.MaxResults + 5; i++)
            {
                var person = new Person { UserName = $"many{i}@example.org", Email = $"many{i}@example.org", NormalizedEmail = $"MANY{i}@EXAMPLE.ORG", FullName = $"Alex Many {i:00}" };
                db.Users.Add(person);
                db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteA, PersonId = person.Id, Role = Roles.Trainee });
            }
            return await db.SaveChangesAsync();
        });
        var many = await Find(DemoAccounts.Coordinator, "alex many");
        Assert.Equal(Search.MaxResults, many.People.Count);
        Assert.True(many.MorePeople);
        Assert.Equal("Alex Many 00", many.People[0].FullName);
        Assert.False((await Find(DemoAccounts.Coordinator, "alex many 07")).MorePeople);
        Assert.Empty((await Find(DemoAccounts.CoordinatorB, "alex many")).People);
    }

    [Theory]
    [InlineData(null, "Type a word or two to search for")]
    [InlineData("   ", "Type a word or two to search for")]
    public async Task Empty_or_very_long_words_are_refused_with_a_clear_message(string? text, string message)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Find(DemoAccounts.Trainee, text));
        Assert.StartsWith(message, e.Errors.Single().ErrorMessage, StringComparison.Ordinal);
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => Find(DemoAccounts.Trainee, new string('a', Search.MaxLength + 1)));
        Assert.Equal($"Search for at most {Search.MaxLength} characters: a word or two is enough.", tooLong.Errors.Single().ErrorMessage);
    }
}
