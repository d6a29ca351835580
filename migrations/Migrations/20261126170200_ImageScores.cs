using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamTuner.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ImageScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "IdentityThreshold",
                table: "Projects",
                type: "double precision",
                nullable: false,
                defaultValue: 0.5);

            migrationBuilder.AddColumn<double>(
                name: "IdentityScore",
                table: "Images",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "PromptScore",
                table: "Images",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IdentityThreshold",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "IdentityScore",
                table: "Images");

            migrationBuilder.DropColumn(
                name: "PromptScore",
                table: "Images");
        }
    }
}
