using TrainingHub.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddTrainingHub();

var app = builder.Build();
await app.PrepareTrainingHubAsync();
app.MapTrainingHub();
await app.RunAsync();

/// <summary>The site's entry point, public so tests can host it.</summary>
public partial class Program;
