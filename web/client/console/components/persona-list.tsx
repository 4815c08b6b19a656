import type { Persona } from '../../../shared/console-api.js';

export interface PersonaListProps {
  readonly personas: readonly Persona[];
  readonly current: string | undefined;
  readonly unread: (userId: string) => number;
  readonly onPick: (userId: string) => void;
}

const Group = ({
  title,
  list,
  props,
}: {
  title: string;
  list: readonly Persona[];
  props: PersonaListProps;
}) => (
  <section class="persona-group">
    <h2 class="persona-group-title">{title}</h2>
    <ul>
      {list.map((p) => {
        const unread = props.unread(p.userId);
        return (
          <li key={p.userId}>
            <button
              type="button"
              class={`persona${p.userId === props.current ? ' is-current' : ''}`}
              data-persona={p.userId}
              aria-current={p.userId === props.current ? 'true' : undefined}
              onClick={() => props.onPick(p.userId)}
            >
              <span class={`persona-avatar kind-${p.kind}`} aria-hidden="true">
                {p.name.slice(0, 1)}
              </span>
              <span class="persona-text">
                <span class="persona-name">
                  {p.name}
                  {p.onDuty !== undefined && (
                    <span class={`duty ${p.onDuty ? 'on' : 'off'}`} title={p.shifts}>
                      {p.onDuty ? '当值' : '不在班'}
                    </span>
                  )}
                </span>
                <span class="persona-label">{p.label}</span>
              </span>
              {unread > 0 && (
                <span class="unread" title="新消息">
                  {unread}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  </section>
);

/** Every demo account: tenants by shop, staff by role with whether they are on duty at the bot's time. */
export const PersonaList = (props: PersonaListProps) => (
  <nav class="persona-list" aria-label="选择身份">
    <Group title="商户" list={props.personas.filter((p) => p.kind === 'tenant')} props={props} />
    <Group title="员工" list={props.personas.filter((p) => p.kind === 'staff')} props={props} />
  </nav>
);
