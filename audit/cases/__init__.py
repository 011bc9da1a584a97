"""Case work: letters, replies, order e-mails, exports and advice for each suspicious contract."""
