"""Writes to the register. Each service is one transaction, checks its rules and logs itself.

- `registration`: the registration rules (the annual report's appendix 1): new inquiries, a repeat
  contact on an existing one, and `registration_submit`, which chooses between them.
- `editing`: changing, closing and reopening an inquiry, and its handling following a
  forwarding; the version check (`StaleInquiry`) that keeps two users from overwriting each other.
- `counted_actions`: a meeting attended, help with a complaint, … beside the main handling.
- `case_file`: the advisor's documents (files checked by `core.attachments`) and internal notes on
  an inquiry, and its follow-up date ("Genoptag den …").
- `change_record`: who changed which field of an inquiry, when, from what, to what.
- `case_numbers`: the office's case-number pattern, and drawing numbers one by one or in a batch.
- `rules`: the checks that registration and editing share.
- `inputs`: the typed values the callers hand to these services.
"""
