/** A rating with any item at this score or below says the citizen disliked the handling (indicator 5.4). */
export const DISLIKE_SCORE = 2;
