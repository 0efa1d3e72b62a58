"""Reports: XLSX and PDF files of the analytics, made by jobs on demand or on schedule, stored and delivered."""
