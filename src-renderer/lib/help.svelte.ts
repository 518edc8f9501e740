// What help is on screen: the glossary dialog, and which "?" explanation is open (one at a time).
class HelpState {
  glossary = $state(false);
  /** The key of the open "?" explanation, if any. */
  term = $state<string | null>(null);
}

export const help = new HelpState();
