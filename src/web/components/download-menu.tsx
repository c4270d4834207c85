import { Button, Menu } from "@mantine/core";
import { DownloadIcon } from "./icons.tsx";

/** A button that opens a choice of files to download, such as a share card in its two sizes. */
export function DownloadMenu(props: {
  label: string;
  testId?: string;
  files: { label: string; href: string }[];
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<DownloadIcon size={16} />} data-testid={props.testId}>
          {props.label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {props.files.map((file) => (
          <Menu.Item key={file.href} component="a" href={file.href} download>
            {file.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
