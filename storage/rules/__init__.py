"""What the records mean: progress through the steps, the schedule of a follow-up, the testimonial draft."""
