//! What clap_complete's static scripts cannot say by themselves: `hit run` completes
//! `.http` and `.rest` files, and zsh completes the commands (clap_complete's zsh script
//! for a command with both request words and subcommands completes only one request word,
//! so zsh gets the request script and the commands' script side by side, and a function
//! that picks one by the first word).

use crate::cli::help::COMMAND_NAMES;

/// The extensions `hit run` completes.
const FILE_PATTERNS: [&str; 2] = ["*.http", "*.rest"];

/// bash: clap's script completes only options at `hit run`'s FILE; this completes the
/// `.http` and `.rest` files and the directories there.
pub fn bash(script: String) -> String {
    let block = script
        .find("        hit__subcmd__run)")
        .expect("bash script has hit run");
    let only_options = "            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then\n\
                        \x20               COMPREPLY=( $(compgen -W \"${opts}\" -- \"${cur}\") )\n\
                        \x20               return 0\n\
                        \x20           fi\n";
    let at = block
        + script[block..]
            .find(only_options)
            .expect("bash script completes hit run's options");
    let files: Vec<String> = FILE_PATTERNS
        .iter()
        .map(|pattern| format!("$(compgen -G \"${{cur}}{pattern}\")"))
        .collect();
    let replacement = format!(
        "            if [[ ${{cur}} == -* ]] ; then\n\
         \x20               COMPREPLY=( $(compgen -W \"${{opts}}\" -- \"${{cur}}\") )\n\
         \x20               return 0\n\
         \x20           fi\n\
         \x20           if [[ ${{COMP_CWORD}} -eq 2 ]] ; then\n\
         \x20               compopt -o filenames 2>/dev/null\n\
         \x20               COMPREPLY=( {} $(compgen -d -- \"${{cur}}\") )\n\
         \x20               return 0\n\
         \x20           fi\n",
        files.join(" ")
    );
    format!(
        "{}{replacement}{}",
        &script[..at],
        &script[at + only_options.len()..]
    )
}

/// fish: the commands' completions apply, `hit explain` offers the topics, and `hit run`
/// the `.http` and `.rest` files and directories in place of every file
/// (`__fish_complete_suffix` would add every other file after them).
pub fn fish(script: String, topics: &[String]) -> String {
    // fish's argparse refuses a `.` in an option's name, and the function that finds the
    // command then finds none: no command's completions would apply. hit's commands come
    // first, so the options before them do not matter there.
    let mut script = script
        .lines()
        .map(
            |line| match line.trim_start().starts_with("string join \\n ") {
                true => line.replace(" http1.1 ", " "),
                false => line.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("\n");
    script.push('\n');
    let extensions: Vec<String> = FILE_PATTERNS
        .iter()
        .map(|pattern| format!("\\{}", &pattern[1..]))
        .collect();
    script.push_str(&format!(
        "complete -c hit -n \"__fish_hit_using_subcommand run\" -f -a \"(__fish_complete_path \
         (commandline -ct) | string match -r -- '^.*(?:{}|/)(?:\\t.*)?\\$')\"\n",
        extensions.join("|")
    ));
    // clap_complete's fish script leaves out a command's positional values.
    script.push_str(&format!(
        "complete -c hit -n \"__fish_hit_using_subcommand explain\" -f -a \"{}\"\n",
        topics.join(" ")
    ));
    script
}

/// zsh: `requests` (the script for `hit [METHOD] URL [ITEM ...]`) as `_hit_req`, `commands`
/// (the script with the commands) as `_hit_cmd`, and `_hit` choosing between them.
pub fn zsh(requests: &str, commands: &str) -> String {
    let requests = functions(requests).replace("_hit", "_hit_req");
    let commands = command_dispatch(functions(commands)).replace("_hit", "_hit_cmd");
    let file = "':file -- The .http file:_files'";
    assert!(commands.contains(file), "zsh script has hit run's FILE");
    let patterns: Vec<&str> = FILE_PATTERNS.iter().map(|p| &p[2..]).collect();
    let commands = commands.replace(
        file,
        &format!(
            "':file -- The .http file:_files -g \"*.({})\"'",
            patterns.join("|")
        ),
    );
    let names: Vec<&str> = COMMAND_NAMES.iter().map(|(name, _)| *name).collect();
    let described: String = COMMAND_NAMES
        .iter()
        .map(|(name, about)| format!("            '{name}:{}'\n", about.replace('\'', "'\\''")))
        .collect();
    format!(
        "#compdef hit\n\n\
         _hit() {{\n\
         \x20   if (( CURRENT > 2 )) && [[ ${{words[2]}} == ({}) ]]; then\n\
         \x20       _hit_cmd \"$@\"\n\
         \x20       return\n\
         \x20   fi\n\
         \x20   local ret=1\n\
         \x20   if (( CURRENT == 2 )) && [[ $PREFIX != -* ]]; then\n\
         \x20       local -a commands\n\
         \x20       commands=(\n{described}\x20       )\n\
         \x20       _describe -t commands 'hit commands' commands && ret=0\n\
         \x20   fi\n\
         \x20   _hit_req \"$@\" && ret=0\n\
         \x20   return ret\n\
         }}\n\n\
         {requests}\n{commands}\n\
         if [ \"$funcstack[1]\" = \"_hit\" ]; then\n\
         \x20   _hit \"$@\"\n\
         else\n\
         \x20   compdef _hit hit\n\
         fi\n",
        // `save` takes a request's words: the request script completes them.
        names
            .iter()
            .filter(|name| **name != "save")
            .copied()
            .collect::<Vec<_>>()
            .join("|")
    )
}

/// A clap zsh script without its `#compdef` line and the lines that register it.
fn functions(script: &str) -> &str {
    let start = script.find("autoload -U is-at-least").unwrap_or(0);
    let end = script
        .find("if [ \"$funcstack[1]\" = \"_hit\" ]")
        .unwrap_or(script.len());
    script[start..end].trim_end()
}

/// The commands' script with the first word always the command: clap puts an optional
/// request word before it, which would take the command's place.
fn command_dispatch(script: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut top_level = true;
    for line in script.lines() {
        if top_level && line.starts_with("'::args -- ") {
            continue;
        }
        if top_level && line.contains("$line[2]") {
            lines.push(line.replace("$line[2]", "$line[1]"));
            if line.trim_start().starts_with("case $line[2] in") {
                top_level = false;
            }
            continue;
        }
        lines.push(line.to_string());
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_word_of_the_commands_script_is_the_command() {
        let script = "'--version[Print version]' \\\n\
                      '::args -- request:(GET)' \\\n\
                      \":: :_hit_commands\" \\\n\
                      \"*::: :->hit\" \\\n\
                      words=($line[2] \"${words[@]}\")\n\
                      case $line[2] in\n\
                      (profile)\n\
                      case $line[2] in";
        assert_eq!(
            command_dispatch(script),
            "'--version[Print version]' \\\n\
             \":: :_hit_commands\" \\\n\
             \"*::: :->hit\" \\\n\
             words=($line[1] \"${words[@]}\")\n\
             case $line[1] in\n\
             (profile)\n\
             case $line[2] in"
        );
    }
}
