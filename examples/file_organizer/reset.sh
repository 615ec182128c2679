#!/usr/bin/env bash
# Recreates messy_files/ with six badly named files, so the example can run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
rm -rf messy_files
mkdir messy_files
printf 'Agenda: budget, hiring, offsite.\n' > "messy_files/Meeting Notes (2).docx"
printf 'Quarterly report, third draft.\n' > "messy_files/FINAL_Report_v3.pdf"
printf 'not really a photo\n' > "messy_files/John's Birthday Photo!!.jpg"
printf 'Invoice 1234, due 2024-04-15.\n' > "messy_files/2024-03-15 Invoice #1234.pdf"
printf 'A proposal for the new project.\n' > "messy_files/project_proposal___DRAFT.txt"
printf '# Copy of the readme\n' > "messy_files/README (copy).md"
echo "messy_files/ reset: $(ls messy_files | wc -l) files"
