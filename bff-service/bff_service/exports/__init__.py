"""The accountant's exports: payments, ledger and students (students-service), attendance
(lessons-service), streamed from the owner to the browser without being held here."""
