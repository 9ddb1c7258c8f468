// EventBus port: live updates (inbox, chat, collision) fan out to every WebSocket on every node.
export interface LiveEvent {
  type: string;
  data: Record<string, unknown>;
  /** Limits delivery: only these user ids (unset: every signed-in staff user). */
  userIds?: number[];
}

export type EventHandler = (event: LiveEvent) => void;

export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}
