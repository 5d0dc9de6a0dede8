"""Request workflows (software, virus, press release, abusive post): see issue 3."""
