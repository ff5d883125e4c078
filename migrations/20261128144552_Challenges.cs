using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class Challenges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "revealed_at",
                table: "works",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "challenges",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    sign_ups_open = table.Column<bool>(type: "boolean", nullable: false),
                    sign_ups_open_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sign_ups_close_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    assignments_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    time_zone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    requests_min = table.Column<int>(type: "integer", nullable: false),
                    requests_max = table.Column<int>(type: "integer", nullable: false),
                    offers_min = table.Column<int>(type: "integer", nullable: false),
                    offers_max = table.Column<int>(type: "integer", nullable: false),
                    fandoms_min = table.Column<int>(type: "integer", nullable: false),
                    fandoms_max = table.Column<int>(type: "integer", nullable: false),
                    characters_min = table.Column<int>(type: "integer", nullable: false),
                    characters_max = table.Column<int>(type: "integer", nullable: false),
                    relationships_min = table.Column<int>(type: "integer", nullable: false),
                    relationships_max = table.Column<int>(type: "integer", nullable: false),
                    match_fandoms = table.Column<int>(type: "integer", nullable: false),
                    match_characters = table.Column<int>(type: "integer", nullable: false),
                    match_relationships = table.Column<int>(type: "integer", nullable: false),
                    matched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    assignments_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_challenges", x => x.id);
                    table.ForeignKey(
                        name: "fk_challenges_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "challenge_tags",
                columns: table => new
                {
                    challenge_id = table.Column<int>(type: "integer", nullable: false),
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    is_approved = table.Column<bool>(type: "boolean", nullable: false),
                    nominated_by_user_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_challenge_tags", x => new { x.challenge_id, x.tag_id });
                    table.ForeignKey(
                        name: "fk_challenge_tags_challenges_challenge_id",
                        column: x => x.challenge_id,
                        principalTable: "challenges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_challenge_tags_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sign_ups",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    challenge_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    pseud_id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_sign_ups_challenges_challenge_id",
                        column: x => x.challenge_id,
                        principalTable: "challenges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sign_ups_pseuds_pseud_id",
                        column: x => x.pseud_id,
                        principalTable: "pseuds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sign_ups_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assignments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    challenge_id = table.Column<int>(type: "integer", nullable: false),
                    recipient_sign_up_id = table.Column<int>(type: "integer", nullable: false),
                    writer_sign_up_id = table.Column<int>(type: "integer", nullable: true),
                    pinch_hitter_user_id = table.Column<int>(type: "integer", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    defaulted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    work_id = table.Column<int>(type: "integer", nullable: true),
                    fulfilled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assignments_challenges_challenge_id",
                        column: x => x.challenge_id,
                        principalTable: "challenges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assignments_sign_ups_recipient_sign_up_id",
                        column: x => x.recipient_sign_up_id,
                        principalTable: "sign_ups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assignments_sign_ups_writer_sign_up_id",
                        column: x => x.writer_sign_up_id,
                        principalTable: "sign_ups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_assignments_users_pinch_hitter_user_id",
                        column: x => x.pinch_hitter_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_assignments_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "prompts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sign_up_id = table.Column<int>(type: "integer", nullable: false),
                    challenge_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    description = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    tag_ids = table.Column<int[]>(type: "integer[]", nullable: false),
                    is_anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prompts", x => x.id);
                    table.ForeignKey(
                        name: "fk_prompts_challenges_challenge_id",
                        column: x => x.challenge_id,
                        principalTable: "challenges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_prompts_sign_ups_sign_up_id",
                        column: x => x.sign_up_id,
                        principalTable: "sign_ups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "prompt_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    prompt_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    work_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prompt_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_prompt_claims_prompts_prompt_id",
                        column: x => x.prompt_id,
                        principalTable: "prompts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_prompt_claims_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_prompt_claims_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_challenge_id",
                table: "assignments",
                column: "challenge_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_pinch_hitter_user_id",
                table: "assignments",
                column: "pinch_hitter_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_recipient_sign_up_id",
                table: "assignments",
                column: "recipient_sign_up_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assignments_work_id",
                table: "assignments",
                column: "work_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_writer_sign_up_id",
                table: "assignments",
                column: "writer_sign_up_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_challenge_tags_tag_id",
                table: "challenge_tags",
                column: "tag_id");

            migrationBuilder.CreateIndex(
                name: "ix_challenges_collection_id",
                table: "challenges",
                column: "collection_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_prompt_claims_prompt_id_user_id",
                table: "prompt_claims",
                columns: new[] { "prompt_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_prompt_claims_user_id",
                table: "prompt_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_prompt_claims_work_id",
                table: "prompt_claims",
                column: "work_id");

            migrationBuilder.CreateIndex(
                name: "ix_prompts_challenge_id_id",
                table: "prompts",
                columns: new[] { "challenge_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_prompts_sign_up_id",
                table: "prompts",
                column: "sign_up_id");

            migrationBuilder.CreateIndex(
                name: "ix_sign_ups_challenge_id_user_id",
                table: "sign_ups",
                columns: new[] { "challenge_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sign_ups_pseud_id",
                table: "sign_ups",
                column: "pseud_id");

            migrationBuilder.CreateIndex(
                name: "ix_sign_ups_user_id",
                table: "sign_ups",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assignments");

            migrationBuilder.DropTable(
                name: "challenge_tags");

            migrationBuilder.DropTable(
                name: "prompt_claims");

            migrationBuilder.DropTable(
                name: "prompts");

            migrationBuilder.DropTable(
                name: "sign_ups");

            migrationBuilder.DropTable(
                name: "challenges");

            migrationBuilder.DropColumn(
                name: "revealed_at",
                table: "works");
        }
    }
}
