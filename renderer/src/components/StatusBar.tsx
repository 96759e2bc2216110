import { useStatus } from '../app/status';

export function StatusBar({ platformLabel, engineState }: { platformLabel: string; engineState: string }) {
  const { message, clear } = useStatus();
  return (
    <footer className="statusbar" role="status" aria-live="polite">
      <span className={`status-msg ${message?.kind ?? ''}`} data-testid="status-message">
        {message?.text ?? 'Ready'}
        {message?.action && (
          <button
            type="button"
            className="link"
            onClick={() => {
              message.action?.run();
              clear();
            }}
          >
            {message.action.label}
          </button>
        )}
      </span>
      <span className="spacer" />
      <span title="The engine runs in a Web Worker">Engine: {engineState}</span>
      <span className="sep">·</span>
      <span>{platformLabel}</span>
      <span className="sep">·</span>
      <span>Offline</span>
    </footer>
  );
}
