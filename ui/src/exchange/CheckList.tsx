// A group of checkboxes under a legend (datasets to export, columns to keep): real inputs, so
// each is reached by Tab, ticked by Space and named by its label.
import { Box, Checkbox, Fieldset, Text } from "@chakra-ui/react";

type Props = {
  legend: string;
  items: { value: string; label?: string; hint?: string }[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  empty?: string;
};

export const CheckList = ({ legend, items, chosen, onChange, empty = "none" }: Props) => {
  const flip = (value: string, on: boolean) =>
    onChange(on ? [...chosen, value] : chosen.filter((c) => c !== value));
  return (
    <Fieldset.Root>
      <Fieldset.Legend fontSize="sm" fontWeight="medium">
        {legend}
      </Fieldset.Legend>
      <Box maxH="11rem" overflowY="auto" borderWidth="1px" borderRadius="md" px={2} py={1}>
        {items.length ? (
          items.map((item) => (
            <Checkbox.Root
              key={item.value}
              size="sm"
              display="flex"
              py={0.5}
              checked={chosen.includes(item.value)}
              onCheckedChange={(e) => flip(item.value, e.checked === true)}
            >
              <Checkbox.HiddenInput />
              <Checkbox.Control />
              <Checkbox.Label title={item.hint} wordBreak="break-word">
                {item.label ?? item.value}
              </Checkbox.Label>
            </Checkbox.Root>
          ))
        ) : (
          <Text fontSize="sm" color="fg.muted">
            {empty}
          </Text>
        )}
      </Box>
    </Fieldset.Root>
  );
};
